"""CSRF is enforced on every POST: the test walks the whole URLconf (ours, Oscar's,
Wagtail's, Django admin's), posts to each address without a token, as a signed-in
superuser (who could reach every form), and expects Django's CSRF refusal (403).

The only exemptions are listed below with their reason. A view exempt from CSRF that does
not accept POST at all (405) is not a form endpoint and passes too (e.g. a read-only API).
"""

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from tests.functional.security.urlwalk import endpoints

pytestmark = pytest.mark.django_db

EXEMPT = {
    # Stripe posts its events server to server; each is authenticated by its signature
    # (Stripe-Signature, checked against STRIPE_WEBHOOK_SECRET), never by a cookie.
    "shop.payments.stripe.webhooks.stripe_webhook": "signed by Stripe",
}


def reachable():
    """Each pattern at an address that resolves to it. Patterns shadowed by another at the
    same address (Oscar's "" redirect under Wagtail's home page, the admin's catch-all)
    are reached through that other one."""
    found = []
    for endpoint in endpoints():
        try:
            match = resolve(endpoint.path)
        except Resolver404:
            pytest.fail(f"the walk made {endpoint.path} for {endpoint.pattern}: no match")
        if match.func is endpoint.callback:
            found.append(endpoint)
    return found


def test_the_walk_covers_every_part_of_the_site():
    paths = [e.path for e in reachable()]
    assert len(paths) > 500
    for area in ("/accounts/", "/basket/", "/checkout/", "/dashboard/", "/cms/", "/django-admin/"):
        assert any(p.startswith(area) for p in paths), area
    for path in ("/producers/join/", "/order-status/", "/verify/", "/i18n/setlang/"):
        assert path in paths, path


def test_every_post_without_a_token_is_refused(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    accepted = {}
    for endpoint in reachable():
        response = client.post(endpoint.path, {"quantity": "1", "q": "x"})
        if response.status_code == 403 and b"CSRF" in response.content:
            continue
        if endpoint.view_name in EXEMPT:
            continue
        if getattr(endpoint.callback, "csrf_exempt", False) and response.status_code == 405:
            continue  # exempt, but no POST handler: no form to forge
        accepted[endpoint.path] = (endpoint.view_name, response.status_code)
    assert accepted == {}


def test_anonymous_posts_are_refused_too(db):
    client = Client(enforce_csrf_checks=True)
    for path in (
        "/accounts/login/",
        "/basket/add/1/",
        "/checkout/",
        "/producers/join/",
        "/order-status/",
        "/cms/login/",
        "/django-admin/login/",
    ):
        response = client.post(path, {"login-username": "a@b.vn", "login-password": "x"})
        assert response.status_code == 403, path
        assert b"CSRF" in response.content, path


def test_each_listed_exemption_is_still_a_view_of_the_site():
    # A stale entry would hide a new view that took its name.
    exempt = {e.view_name for e in reachable() if getattr(e.callback, "csrf_exempt", False)}
    assert set(EXEMPT) <= exempt


def test_a_post_with_the_token_gets_through(client, home_page):
    # The control: the refusal above is the missing token, not the address.
    client = Client(enforce_csrf_checks=True)
    page = client.get("/order-status/")
    token = page.cookies["csrftoken"].value
    response = client.post("/order-status/", {"csrfmiddlewaretoken": token})
    assert response.status_code != 403
