"""Throttling of the forms people or scripts could hammer: logins, producer sign-up,
certificate verification and the order-status lookup (settings.OCOP_RATELIMITS).

One middleware applies them by URL name, so Oscar's, Wagtail's and Django's own login views
are throttled without forking them. Counts live in the cache (Redis in production, shared
by every worker) through django-ratelimit's counter; a client over its rate gets 429 with a
page saying when to try again.
"""

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage


def client_address(group, request) -> str:
    """The client's address: REMOTE_ADDR, or the proxy's header named by
    settings.RATELIMIT_CLIENT_IP_HEADER (its last entry: the one our proxy appended)."""
    header = settings.RATELIMIT_CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        rule = settings.OCOP_RATELIMITS.get(match.view_name) if match else None
        if rule is None or request.method not in rule["methods"]:
            return None
        usage = get_usage(
            request,
            group=f"ocop:{match.view_name}",
            key="shop.security.ratelimit.client_address",
            rate=rule["rate"],
            method=rule["methods"],
            increment=True,
        )
        if usage and usage["should_limit"]:
            # django-ratelimit counts the second its window ends in as part of that window,
            # and then says 0 seconds are left (or -1 when the cache could not count): the
            # client can try again in a second at the soonest, never "in 0 seconds".
            retry_after = max(1, usage["time_left"])
            response = render(request, "429.html", {"retry_after": retry_after}, status=429)
            response["Retry-After"] = str(retry_after)
            return response
        return None
