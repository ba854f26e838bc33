"""Rate limits: anonymous clients per address, partners per token (created by staff)."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token, TokenProxy

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anonymous": "2/minute", "partner": "4/minute"},
    }


@pytest.fixture
def partner_token(db):
    user = get_user_model().objects.create_user(username="bao-nong-thon", password="x")
    return Token.objects.create(user=user).key


def test_an_anonymous_client_past_its_rate_is_told_when_to_come_back(client, low_rates):
    for _ in range(2):
        assert client.get("/api/v1/provinces/").status_code == 200
    refused = client.get("/api/v1/provinces/", HTTP_ACCEPT="application/json")

    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "detail" in refused.json()


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, low_rates):
    for n in range(2):
        client.get("/api/v1/provinces/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    refused = client.get("/api/v1/provinces/", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert refused.status_code == 429


def test_a_partner_token_has_a_higher_rate(client, low_rates, partner_token):
    auth = {"HTTP_AUTHORIZATION": f"Token {partner_token}"}
    for _ in range(4):
        assert client.get("/api/v1/provinces/", **auth).status_code == 200
    assert client.get("/api/v1/provinces/", **auth).status_code == 429
    # Its use is counted apart from anonymous clients at the same address.
    assert client.get("/api/v1/provinces/").status_code == 200


def test_a_token_gives_no_write_access(client, partner_token):
    auth = {"HTTP_AUTHORIZATION": f"Token {partner_token}"}
    assert client.post("/api/v1/products/", {}, **auth).status_code == 405
    assert client.delete("/api/v1/provinces/nghe_an/", **auth).status_code == 405


def test_a_wrong_token_is_refused(client):
    assert client.get("/api/v1/provinces/", HTTP_AUTHORIZATION="Token nope").status_code == 401


def test_staff_create_partner_tokens_in_django_admin(client):
    assert admin.site.is_registered(TokenProxy)
    superuser = get_user_model().objects.create_superuser(username="admin", password="x")
    client.force_login(superuser)
    assert client.get("/django-admin/authtoken/tokenproxy/add/").status_code == 200
