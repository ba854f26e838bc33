"""Product, list and search pages are served whole from the cache to visitors who have
nothing of their own on them (search/page_cache.py): with this visitor's CSRF token and
CSP nonce filled in, and never to someone signed in, with a basket or a message waiting.

That a change reaches the next visitor at once is shown by test_page_fragments.py, whose
visitors (WebTest, cookies kept) are served from this cache on their second visit."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'nonce="([^"]+)"')


@pytest.fixture
def honey(make_product):
    return make_product(title="Mật ong rừng Con Cuông", price=150000, stock=10)


def _reads_products(captured) -> bool:
    return any('"catalogue_product"' in q["sql"] for q in captured.captured_queries)


def test_the_next_visitor_gets_the_stored_page_with_a_token_and_nonce_of_their_own(
    home_page, honey
):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    url = honey.get_absolute_url()
    drawn = first.get(url)
    with CaptureQueriesContext(connection) as captured:
        served = second.get(url)

    assert not _reads_products(captured), "the second visitor's page was drawn again"
    html = served.content.decode()
    token, nonce = TOKEN.search(html).group(1), NONCE.search(html).group(1)
    assert token != TOKEN.search(drawn.content.decode()).group(1)
    assert "@@" not in html  # no mark left unfilled
    assert f"'nonce-{nonce}'" in served["Content-Security-Policy"]
    # Everything else is the page the first visitor saw.
    same = [TOKEN.sub("", NONCE.sub("", p.content.decode())) for p in (drawn, served)]
    assert same[0] == same[1]
    # The token is this visitor's: their add to basket is accepted.
    added = second.post(f"/basket/add/{honey.pk}/", {"csrfmiddlewaretoken": token, "quantity": 1})
    assert added.status_code == 302


def test_a_signed_in_shopper_never_gets_nor_leaves_a_shared_page(home_page, honey):
    url = "/catalogue/"
    Client().get(url)  # stored for anonymous visitors
    lan = get_user_model().objects.create_user(
        username="lan", email="lan@example.vn", password="mật-khẩu-dài-123"
    )
    signed_in = Client()
    signed_in.force_login(lan)

    account, login = 'site-tools__label">Tài khoản<', 'site-tools__label">Đăng nhập<'
    assert account in signed_in.get(url).content.decode()
    anonymous = Client().get(url).content.decode()
    assert login in anonymous and account not in anonymous


def test_a_shopper_with_a_basket_sees_it_and_their_message(home_page, honey):
    url = honey.get_absolute_url()
    Client().get(url)  # stored with an empty basket
    shopper = Client()
    page = shopper.post(f"/basket/add/{honey.pk}/", {"quantity": 2}, follow=True)

    html = page.content.decode()
    assert re.search(r'basket-link__count">2<', html)
    assert "Mật ong rừng Con Cuông" in html  # the message naming what was added
    after = shopper.get(url).content.decode()
    assert re.search(r'basket-link__count">2<', after)
    assert re.search(r'basket-link__count">0<', Client().get(url).content.decode())


def test_a_new_price_reaches_the_next_visitor_at_once(home_page, honey):
    url = honey.get_absolute_url()
    assert "150.000" in Client().get(url).content.decode()

    StockRecord.objects.filter(product=honey).update(price=99000)  # no signal sent

    assert "99.000" in Client().get(url).content.decode()


def test_each_address_and_language_is_a_page_of_its_own(home_page, honey):
    first = Client().get("/search/?q=mat+ong").content.decode()
    other = Client().get("/search/?q=nuoc+mam").content.decode()
    english = Client().get("/en/search/?q=mat+ong").content.decode()

    assert "<title>“mat ong”" in first and "<title>“nuoc mam”" in other
    assert '<html lang="vi"' in first and '<html lang="en"' in english


def test_a_stored_page_is_answered_with_one_query_and_the_security_headers(home_page, honey):
    url = honey.get_absolute_url()
    drawn = Client().get(url)
    with CaptureQueriesContext(connection) as captured:
        served = Client().get(url)

    # The content version, and nothing of what the rest of the stack would read
    # (SharedPageMiddleware answers before authentication, basket and the transaction).
    assert [q["sql"] for q in captured.captured_queries if "version" not in q["sql"]] == []
    assert len(captured) == 1
    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy"):
        assert served[header].replace(NONCE.search(served.content.decode()).group(1), "") == (
            drawn[header].replace(NONCE.search(drawn.content.decode()).group(1), "")
        ), header
    assert "csrftoken" in served.cookies  # the token in its form is backed by a cookie


def test_only_the_views_that_share_their_page_are_looked_up(home_page, honey):
    product_page = Client().get(honey.get_absolute_url())
    order_lookup = Client().get("/order-status/")  # a form page: not a SharedPageMixin view

    assert product_page.wsgi_request.shared_page_key.startswith("page:")
    assert order_lookup.status_code == 200
    assert not hasattr(order_lookup.wsgi_request, "shared_page_key")
