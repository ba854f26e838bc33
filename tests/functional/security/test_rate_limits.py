"""Throttling answers 429 once a client goes over its rate, on every form listed in
settings.OCOP_RATELIMITS, counted per client address in the cache; other clients and
other forms go on."""

import time
import zlib

import pytest
import time_machine
from django.test import Client

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture(autouse=True)
def low_limits(settings):
    settings.RATELIMIT_ENABLE = True
    settings.OCOP_RATELIMITS = {
        name: {**rule, "rate": f"{LIMIT}/m"} for name, rule in settings.OCOP_RATELIMITS.items()
    }


FORMS = [
    (
        "post",
        "/accounts/login/",
        {"login-username": "a@b.vn", "login-password": "x", "login_submit": "1"},
    ),
    ("post", "/dashboard/login/", {"username": "a@b.vn", "password": "x"}),
    ("post", "/cms/login/", {"username": "a", "password": "x"}),
    ("post", "/django-admin/login/", {"username": "a", "password": "x"}),
    ("post", "/producers/join/", {"name": "HTX"}),
    ("get", "/verify/", {"q": "1234/QĐ-UBND"}),
    ("post", "/order-status/", {"number": "100001", "email": "a@b.vn"}),
    ("post", "/password-reset/", {"email": "a@b.vn"}),
]


@pytest.mark.parametrize(("method", "path", "data"), FORMS, ids=[f[1] for f in FORMS])
def test_over_the_rate_answers_429(method, path, data, home_page):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(LIMIT):
        response = getattr(client, method)(path, data)
        assert response.status_code != 429, path
    refused = getattr(client, method)(path, data)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Quá nhiều lần thử" in refused.content.decode()  # "Too many attempts", in Vietnamese
    # Another client is not held back by this one.
    other = getattr(Client(REMOTE_ADDR="198.51.100.9"), method)(path, data)
    assert other.status_code != 429


def test_the_last_second_of_a_window_says_one_second_not_zero(home_page):
    # django-ratelimit staggers each client's windows by a hash of its address; in the
    # window's last second it reports 0 seconds left.
    period = 60
    now = int(time.time())
    offset = zlib.crc32(b"203.0.113.7") % period
    last_second = now - now % period + offset + period
    with time_machine.travel(last_second + 0.1, tick=False):
        client = Client(REMOTE_ADDR="203.0.113.7")
        for _ in range(LIMIT):
            client.post("/producers/join/", {"name": "HTX"})
        refused = client.post("/producers/join/", {"name": "HTX"})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "1"
    assert "thử lại sau 1 giây" in refused.content.decode()  # "try again in 1 second"


def test_reading_the_login_page_is_not_counted(home_page):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(LIMIT + 2):
        assert client.get("/accounts/login/").status_code == 200


def test_each_form_has_its_own_count(home_page):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(LIMIT + 1):
        client.post("/cms/login/", {"username": "a", "password": "x"})
    assert client.post("/cms/login/", {"username": "a", "password": "x"}).status_code == 429
    assert client.get("/verify/", {"q": "1"}).status_code == 200


def test_behind_the_proxy_the_forwarded_client_is_counted(settings, home_page):
    settings.RATELIMIT_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    # Every request comes from the proxy; the proxy appends the client's address.
    for _ in range(LIMIT + 1):
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7").post(
            "/cms/login/", {"username": "a", "password": "x"}
        )
    neighbour = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert neighbour.post("/cms/login/", {"username": "a", "password": "x"}).status_code == 200
