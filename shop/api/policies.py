"""How much anyone may ask for: rate limits per client and the size of a page."""

from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class _RateFromSettings(SimpleRateThrottle):
    # DRF reads the rates once, when the class is defined; reading them per request lets
    # an operator (or a test) change REST_FRAMEWORK and see it applied.
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class AnonymousRate(_RateFromSettings):
    """Clients without a token: counted per IP address."""

    scope = "anonymous"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PartnerRate(_RateFromSettings):
    """Partners with a token (created by staff in Django's admin): a higher rate, counted
    per token's user."""

    scope = "partner"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class Cursor(CursorPagination):
    """Stable pages of long lists: a cursor is not upset by rows added while paging."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-pk"


class Pages(PageNumberPagination):
    """Numbered pages for the short lists of places."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
