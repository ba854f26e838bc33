"""Whole storefront pages for visitors who have nothing of their own on them.

A visitor with no session, no basket and no message waiting sees on a product, list or
search page exactly what every other such visitor sees, but for two strings drawn for each
request: the CSRF token of its forms and the nonce of its inline scripts. Those two are
stored as marks and filled in on the way out, so one rendering serves every such visitor
until anything the page shows changes (the content version: products, prices, stock,
certificates, groups and CMS pages all bump it), the day turns (certificates lapse at
midnight) or the entry expires. Signed-in people, shoppers with a basket and anyone with a
message to read get the page drawn for them, as before. The stored page is answered by
SharedPageMiddleware, before authentication, the basket and the request's transaction run.

The fragments inside those pages stay cached on their own keys, so the first visitor after
a change still gets most of the page from the cache.
"""

import functools
import re
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils.translation import get_language

from catalog import selectors
from search import backends

# Cookies that make a page someone's own: the session (a signed-in user, messages kept in
# the session), Oscar's basket, and Django's cookie-stored messages.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, settings.OSCAR_BASKET_COOKIE_OPEN, "messages")
CSRF_MARK = "@@ocop-csrf-token@@"
NONCE_MARK = "@@ocop-csp-nonce@@"
# What {% csrf_token %} writes: each call masks the same secret differently.
CSRF_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')


def is_shared(request) -> bool:
    """Whether this request sees the page every anonymous visitor sees."""
    return request.method in ("GET", "HEAD") and not any(
        name in request.COOKIES for name in PERSONAL_COOKIES
    )


def page_key(request) -> str:
    address = request.build_absolute_uri()  # scheme and host too: pages write absolute links
    address = sha256(address.encode()).hexdigest()
    day = selectors.today().isoformat()
    return f"page:{backends.content_version()}:{day}:{get_language()}:{address}"


def _to_store(request, html: str) -> str:
    html = CSRF_FIELD.sub(rf"\g<1>{CSRF_MARK}\g<2>", html)
    nonce = getattr(request, "_csp_nonce", None)  # set only if the page drew it
    return html.replace(nonce, NONCE_MARK) if nonce else html


def _filled(request, html: str) -> str:
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, get_token(request))
    if NONCE_MARK in html:
        html = html.replace(NONCE_MARK, str(request.csp_nonce))
    return html


class SharedPageMiddleware:
    """Answers a shared request for a page it has stored before the rest of the stack runs:
    no authentication, messages, basket, audit or transaction for a page every anonymous
    visitor sees alike. Sits after the CSRF middleware (the visitor's token, the cookie set
    on the way out) and the locale one (the language in the key); views opt in with
    `SharedPageMixin`, which stores their answers under the key found here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        shared_view = is_shared(request) and _shared_view(
            settings.ROOT_URLCONF, request.path_info, get_language()
        )
        if shared_view:
            key = page_key(request)
            stored = cache.get(key)
            if stored is not None:
                html, content_type = stored
                response = HttpResponse(_filled(request, html), content_type=content_type)
                view_class, kwargs = shared_view
                view_class.served_shared(request, response, **kwargs)
                return response
            request.shared_page_key = key  # the view stores its answer under it
        return self.get_response(request)


@functools.lru_cache(maxsize=10_000)
def _shared_view(urlconf: str, path: str, language: str) -> tuple | None:
    """The SharedPageMixin view an address goes to, and its arguments (None: any other).
    Kept per address: resolving a product's address through Oscar's and Wagtail's URL
    lists took 0.3 ms, a fifth of answering it from the cache. `language` is only part of
    the key: the language prefix of an address resolves against the active language."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not issubclass(view_class, SharedPageMixin):
        return None
    return view_class, match.kwargs


class SharedPageMixin:
    """For a class-based view: its 200 answers to the requests SharedPageMiddleware found
    no stored page for are stored for the next such visitor, with the token and the nonce
    left as marks."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        key = getattr(request, "shared_page_key", None)
        if key is not None and response.status_code == 200 and not response.streaming:

            def store(rendered):
                html = rendered.content.decode(rendered.charset)
                stored = (_to_store(request, html), rendered["Content-Type"])
                cache.set(key, stored, settings.SHARED_PAGE_SECONDS)

            if getattr(response, "is_rendered", True):
                store(response)
            else:
                response.add_post_render_callback(store)
        return response

    @classmethod
    def served_shared(cls, request, response, **kwargs):
        """What a view still does for each visitor when its page comes from the cache."""
