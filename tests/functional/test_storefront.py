"""The storefront a shopper sees: Vietnamese by default, prices in VND the Vietnamese way."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import certify

pytestmark = pytest.mark.django_db


def test_home_page_is_vietnamese_and_lists_new_products(django_app, home_page, make_product):
    make_product(title="Nước mắm sá sùng Quảng Ninh", price=420000)

    page = django_app.get("/")

    assert page.status_code == 200
    assert page.html.html["lang"] == "vi"
    assert "Sản phẩm OCOP chính hiệu" in page.text
    assert "Giỏ hàng" in page.text  # "Basket", translated
    assert "Nước mắm sá sùng Quảng Ninh" in page.text
    assert "420.000\xa0₫" in page.text


def test_catalogue_lists_products_with_vnd_prices(django_app, make_product):
    make_product(title="Mật ong rừng thiên nhiên", price=150000)
    make_product(title="Trà hoa vàng Ba Chẽ", price=85000)

    page = django_app.get("/catalogue/")

    titles = [a.text for a in page.html.select(".product-card__title a")]
    assert sorted(titles) == ["Mật ong rừng thiên nhiên", "Trà hoa vàng Ba Chẽ"]
    prices = [p.text for p in page.html.select(".product-card__price")]
    assert sorted(prices) == ["150.000\xa0₫", "85.000\xa0₫"]
    assert "2 sản phẩm" in page.text


def test_product_page_shows_price_and_adds_to_basket(django_app, make_product):
    product = make_product(title="Cà phê Bích Thao", price=250000, stock=5)

    page = django_app.get(product.get_absolute_url())

    assert page.html.h1.text == "Cà phê Bích Thao"
    assert page.html.select_one(".product-detail__price").text == "250.000\xa0₫"
    basket = page.forms["add_to_basket_form"].submit().follow()
    assert "Cà phê Bích Thao" in basket.text
    assert "250.000\xa0₫" in basket.text
    # VND has no minor unit: every amount on the basket page is whole dong, dot-grouped.
    amounts = re.findall(r"([\d.,]+)\xa0₫", basket.text)
    assert amounts and all(re.fullmatch(r"\d{1,3}(\.\d{3})*", a) for a in amounts), amounts


def test_english_is_one_switch_away(django_app, make_product):
    make_product(title="Miến dong Bình Liêu", price=120000)

    form = django_app.get("/catalogue/").forms["language_form"]
    form["language"] = "en"
    page = form.submit().follow()

    assert page.request.path == "/en/catalogue/"
    assert page.html.html["lang"] == "en"
    assert "Log in" in page.text and "Đăng nhập" not in page.text
    assert "120.000\xa0₫" in page.text  # prices read the same in every language


def test_category_page_lists_its_group_and_sub_groups(django_app, honey_group, make_product):
    honey = honey_group.add_child(name="Mật ong", slug="mat-ong")
    drinks = honey_group.add_sibling(name="Đồ uống", slug="do-uong")
    make_product(title="Mật ong rừng thiên nhiên", category=honey)
    make_product(title="Rượu nếp Nghi Đức", category=drinks)

    page = django_app.get(honey_group.get_absolute_url())

    assert [a.text for a in page.html.select(".product-card__title a")] == [
        "Mật ong rừng thiên nhiên"
    ]
    assert "Mật ong" in [a.text for a in page.html.select(".chips a")]


def test_search_finds_products_by_title(django_app, make_product):
    make_product(title="Nước mắm sá sùng Quảng Ninh")
    make_product(title="Trà hoa vàng Ba Chẽ")

    page = django_app.get("/search/", params={"q": "nước mắm"})

    assert [a.text for a in page.html.select(".product-card__title a")] == [
        "Nước mắm sá sùng Quảng Ninh"
    ]


def test_unknown_product_is_a_404(django_app):
    django_app.get("/catalogue/khong-co_999999/", status=404)


def _queries_for(client, url):
    # Counted with the cache emptied: the grid of cards and the search answer are cached
    # under the catalog's version, which adding products moves.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_catalogue_query_count_does_not_grow_with_products(client, make_product):
    make_product(title="Sản phẩm 1")
    _queries_for(client, "/catalogue/")  # the first request of a process fills caches
    few = _queries_for(client, "/catalogue/?sort=newest")
    for n in range(2, 12):
        make_product(title=f"Sản phẩm {n}")
    many = _queries_for(client, "/catalogue/?sort=newest")

    assert many == few


def test_cards_show_the_stars_of_the_certificate_in_force(django_app, make_product):
    today = timezone.localdate()
    rerated = make_product(title="Mật ong bạc hà", stars=None)
    certify(
        rerated,
        stars=3,
        decision_date=today - datetime.timedelta(days=4 * 365),
        valid_until=today - datetime.timedelta(days=365),
    )
    certify(rerated, stars=5)
    make_product(title="Trà hoa vàng Ba Chẽ", stars=4)

    page = django_app.get("/catalogue/")

    badges = {
        card.select_one(".product-card__title").text.strip(): card.select_one(".star-badge")
        for card in page.html.select(".product-card")
    }
    assert badges["Mật ong bạc hà"]["class"] == ["star-badge", "star-badge--5"]
    assert badges["Mật ong bạc hà"].select_one("[aria-hidden]").text == "★★★★★"
    assert "5 sao" in badges["Mật ong bạc hà"].text  # read out by screen readers
    assert badges["Trà hoa vàng Ba Chẽ"]["class"] == ["star-badge", "star-badge--4"]
