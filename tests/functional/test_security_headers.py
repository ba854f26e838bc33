"""Security headers on real responses: the Content-Security-Policy (nonce-based on the shop,
relaxed only in Wagtail's admin), framing refused, Referrer-Policy, Permissions-Policy,
HSTS on HTTPS, and pages whose every inline script carries the request's nonce."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


@pytest.fixture
def shop_pages(home_page, make_product):
    product = make_product()
    return [
        "/",
        product.get_absolute_url(),
        "/catalogue/",
        "/search/?q=mat+ong",
        "/basket/",
        "/accounts/login/",
        "/order-status/",
        "/producers/join/",
        "/en/",
    ]


def test_every_shop_page_carries_the_strict_policy(client, shop_pages):
    for url in shop_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        csp = policy(response)
        assert csp["default-src"] == ["'self'"], url
        scripts = csp["script-src"]
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, url
        # Only our own origin and Stripe may give scripts, plus the request's nonce on pages
        # that have an inline script (the home page has none: no nonce, stricter still);
        # only OSM and Stripe images.
        assert set(scripts) - {"'self'", "https://js.stripe.com"} == {
            s for s in scripts if s.startswith("'nonce-")
        }
        assert set(csp["img-src"]) == {
            "'self'",
            "data:",
            "https://tile.openstreetmap.org",
            "https://*.stripe.com",
        }
        assert set(csp["connect-src"]) == {"'self'", "https://api.stripe.com"}
        assert "https://hooks.stripe.com" in csp["frame-src"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["object-src"] == ["'none'"]
        assert csp["form-action"] == ["'self'"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        permissions = response["Permissions-Policy"]
        assert "camera=()" in permissions and "microphone=()" in permissions
        assert "geolocation=(self)" in permissions


def test_every_inline_script_carries_the_nonce_and_no_element_an_event_handler(client, shop_pages):
    with_inline_scripts = 0
    for url in shop_pages:
        response = client.get(url)
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        soup = BeautifulSoup(response.content, "html.parser")
        inline = [s for s in soup.find_all("script") if not s.get("src")]
        executable = [s for s in inline if s.get("type", "text/javascript") == "text/javascript"]
        if executable:
            with_inline_scripts += 1
            assert nonce, url  # an inline script is allowed only by the request's nonce
            assert all(s.get("nonce") == nonce.group(1) for s in executable), url
        handlers = [
            (tag.name, attribute)
            for tag in soup.find_all(True)
            for attribute in tag.attrs
            if attribute.startswith("on")
        ]
        assert handlers == [], url
    assert with_inline_scripts >= len(shop_pages) - 2  # jQuery's start-up script, not home


def test_each_response_has_its_own_nonce(client, shop_pages):
    first = policy(client.get("/catalogue/"))["script-src"]
    second = policy(client.get("/catalogue/"))["script-src"]
    assert [s for s in first if s.startswith("'nonce-")]
    assert first != second


def test_wagtail_admin_gets_the_relaxed_policy_without_a_nonce(client, editor):
    client.force_login(editor)
    response = client.get("/cms/")
    assert response.status_code == 200
    csp = policy(response)
    # Wagtail's widgets write inline scripts; a nonce would switch 'unsafe-inline' off.
    assert "'unsafe-inline'" in csp["script-src"]
    assert not [s for s in csp["script-src"] if s.startswith("'nonce-")]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["img-src"] == policy(client.get("/"))["img-src"]


def test_dashboard_and_django_admin_keep_the_strict_policy(client, editor):
    client.force_login(editor)
    for url in (reverse("dashboard:index"), "/django-admin/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "'unsafe-inline'" not in policy(response)["script-src"], url


def test_hsts_with_subdomains_on_https_in_production(client, settings, home_page):
    # The production values (shop/settings/production.py); HSTS only goes out over HTTPS.
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=3600; includeSubDomains"
    assert "Strict-Transport-Security" not in client.get("/")


def test_staff_passwords_are_checked_by_djangos_validators(client, editor):
    client.force_login(editor)
    page = client.get(reverse("wagtailusers_users:add"))
    assert page.status_code == 200
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "bientap.moi",
            "email": "bientap.moi@ocop.local",
            "first_name": "Biên",
            "last_name": "Tập",
            "password1": "12345678",
            "password2": "12345678",
            "is_active": "on",
        },
    )
    assert response.status_code == 200  # the form again, with the validators' messages
    errors = " ".join(str(e) for e in response.context["form"].errors.get("password2", []))
    assert errors
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="bientap.moi").exists()
