"""No login sends a user to another site through `next=`: the shop's account login, Oscar's
dashboard login, the producer portal (which sends to the account login), Wagtail's /cms/
login and Django's admin login each log the user in and redirect within the shop, whatever
the `next` names."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.http import url_has_allowed_host_and_scheme

from catalog.services.roles import producer_member_add
from tests.factories import make_producer

pytestmark = pytest.mark.django_db

HOSTILE = [
    "https://evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    " //evil.example",
    "http://testserver@evil.example/",
    "javascript:alert(1)",
    "https://evil.example/?next=/",
]


def assert_stays_home(response, next_url):
    assert response.status_code == 302, (next_url, response.status_code)
    location = response["Location"]
    assert url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"}), (
        next_url,
        location,
    )
    assert "evil.example" not in location and not location.startswith("javascript")


def user(username, password="S0-long-passphrase!", **fields):
    return get_user_model().objects.create_user(
        username, f"{username}@ocop.local", password, **fields
    )


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("next_url", HOSTILE)
def test_shop_account_login(next_url):
    user("khach")
    client = Client()
    page = client.get("/accounts/login/", {"next": next_url})
    assert page.status_code == 200
    response = client.post(
        "/accounts/login/",
        {
            "login-username": "khach@ocop.local",
            "login-password": "S0-long-passphrase!",
            "login-redirect_url": next_url,
            "login_submit": "Log in",
        },
    )
    assert logged_in(client)
    assert_stays_home(response, next_url)


@pytest.mark.parametrize("next_url", HOSTILE)
def test_dashboard_login(next_url):
    user("nhanvien", is_staff=True)
    client = Client()
    response = client.post(
        f"/dashboard/login/?next={next_url}",
        {"username": "nhanvien@ocop.local", "password": "S0-long-passphrase!", "next": next_url},
    )
    assert logged_in(client)
    assert_stays_home(response, next_url)


@pytest.mark.parametrize("next_url", HOSTILE)
def test_producer_portal_login(next_url):
    member = user("nhasanxuat")
    producer_member_add(producer=make_producer(), user=member)
    client = Client()
    # The portal sends a signed-out producer to the account login, `next` pointing back.
    sent = client.get("/dashboard/producer/")
    assert sent.status_code == 302 and "/accounts/login/" in sent["Location"]
    assert "next=/dashboard/producer/" in sent["Location"]
    response = client.post(
        "/accounts/login/",
        {
            "login-username": "nhasanxuat@ocop.local",
            "login-password": "S0-long-passphrase!",
            "login-redirect_url": next_url,
            "login_submit": "Log in",
        },
    )
    assert logged_in(client)
    assert_stays_home(response, next_url)


@pytest.mark.parametrize("next_url", HOSTILE)
def test_wagtail_cms_login(next_url):
    user("bientap", is_superuser=True, is_staff=True)
    client = Client()
    response = client.post(
        f"/cms/login/?next={next_url}",
        {"username": "bientap", "password": "S0-long-passphrase!", "next": next_url},
    )
    assert logged_in(client)
    assert_stays_home(response, next_url)


@pytest.mark.parametrize("next_url", HOSTILE)
def test_django_admin_login(next_url):
    user("quantri", is_superuser=True, is_staff=True)
    client = Client()
    response = client.post(
        f"/django-admin/login/?next={next_url}",
        {"username": "quantri", "password": "S0-long-passphrase!", "next": next_url},
    )
    assert logged_in(client)
    assert_stays_home(response, next_url)


@pytest.mark.parametrize("next_url", HOSTILE)
def test_language_switch(next_url, client):
    # Not a login, but the other form that takes `next`.
    response = client.post("/i18n/setlang/", {"language": "en", "next": next_url})
    assert_stays_home(response, next_url)


def test_a_local_next_is_still_followed():
    user("khach")
    client = Client()
    response = client.post(
        "/accounts/login/",
        {
            "login-username": "khach@ocop.local",
            "login-password": "S0-long-passphrase!",
            "login-redirect_url": "/basket/",
            "login_submit": "Log in",
        },
    )
    assert response["Location"] == "/basket/"
