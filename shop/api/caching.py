"""Conditional GET for open data: ETag, Last-Modified and Cache-Control on /api/ and /feeds/.

The ETag is a digest of the answer itself, so it changes exactly when the data does
(a certificate lapsing at midnight included). Last-Modified is the moment this server first
gave that exact answer, remembered in the cache under the URL: never earlier than the
change, so `If-Modified-Since` can never earn a stale 304.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

OPEN_DATA_PATHS = ("/api/", "/feeds/")


class OpenDataCaching:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method not in ("GET", "HEAD")
            or not request.path.startswith(OPEN_DATA_PATHS)
            or response.status_code != 200
            or response.streaming
        ):
            return response
        digest = hashlib.sha256(response.content).hexdigest()[:32]
        etag = f'"{digest}"'
        key = "open-data:seen:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()
        # Answers differ by language (names of kinds, pages in the reader's language).
        key += ":" + (getattr(request, "LANGUAGE_CODE", "") or "")
        seen = cache.get(key)
        if seen is None or seen[0] != etag:
            seen = (etag, int(timezone.now().timestamp()))
            cache.set(key, seen, 7 * 24 * 3600)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(seen[1])
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        patch_vary_headers(response, ["Accept", "Accept-Language"])
        return get_conditional_response(
            request, etag=etag, last_modified=seen[1], response=response
        )
