"""The public read API, v1: OCOP open data for provinces, partners and the public.

Presentation only: every product comes from `catalog.selectors` (the listing rule), every
page from the CMS's own list functions; nothing here decides what may be shown.

Why Django REST framework rather than django-ninja: the pieces this API needs are DRF's
own, kept and documented for a decade — cursor pagination, per-client throttling with
Retry-After, token authentication with an admin for staff to create tokens, the
browsable API (translated into Vietnamese), django-filter's validated filters answering
400 with a message, and drf-spectacular's OpenAPI schema read from the same views. Ninja
would need pydantic schemas written beside our models and its own versions of most of
these. The throttles and paging are in `policies`, the headers in `caching`.
"""
