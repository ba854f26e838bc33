"""Product grids are served from the cache, and a change to what a card shows reaches the
next page at once, however it was written (a bulk update sends no signal: the database's
triggers bump the storefront version; search/migrations/0004 and 0005)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from catalog.models import Certificate

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


def _cards(django_app, url="/catalogue/"):
    page = django_app.get(url)
    return [
        (
            card.select_one(".product-card__title").text.strip(),
            card.select_one(".product-card__price").text.strip()
            if card.select_one(".product-card__price")
            else None,
            card.select_one(".product-card__stock").text.strip(),
        )
        for card in page.html.select(".product-card")
    ]


@pytest.fixture
def honey(make_product):
    return make_product(title="Mật ong rừng Con Cuông", price=150000, stock=10)


def test_a_repeated_list_page_draws_its_grid_from_the_cache(client, honey):
    client.get("/catalogue/")
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/catalogue/")

    assert "Mật ong rừng Con Cuông" in page.content.decode()
    product_tables = [q["sql"] for q in captured if '"catalogue_product"' in q["sql"]]
    assert product_tables == []  # no card was fetched


def test_a_new_price_shows_at_once(django_app, honey):
    ((title, before, _),) = _cards(django_app)

    StockRecord.objects.filter(product=honey).update(price=99000)  # no signal sent

    ((_, after, _),) = _cards(django_app)
    assert "150.000" in before and "99.000" in after


def test_running_out_of_stock_shows_at_once(django_app, honey):
    ((_, _, in_stock),) = _cards(django_app)

    StockRecord.objects.filter(product=honey).update(num_in_stock=0)

    ((_, _, sold_out),) = _cards(django_app)
    assert in_stock != sold_out


def test_a_revoked_certificate_takes_the_card_off_at_once(django_app, honey, make_product):
    make_product(title="Trà hoa vàng Ba Chẽ")
    assert len(_cards(django_app)) == 2

    Certificate.objects.filter(product=honey).update(status=Certificate.Status.REVOKED)

    assert [title for title, *_ in _cards(django_app)] == ["Trà hoa vàng Ba Chẽ"]


def test_a_new_title_shows_at_once_on_search_and_category_pages(django_app, honey, honey_group):
    assert _cards(django_app, "/search/?q=mat+ong")
    assert _cards(django_app, honey_group.get_absolute_url())

    type(honey).objects.filter(pk=honey.pk).update(title="Mật ong hoa nhãn Con Cuông")

    for url in (honey_group.get_absolute_url(), "/catalogue/"):
        assert [title for title, *_ in _cards(django_app, url)] == ["Mật ong hoa nhãn Con Cuông"]


def test_pages_stop_at_the_last_one_served(client, settings, make_product):
    settings.OSCAR_PRODUCTS_PER_PAGE = 1
    settings.SEARCH_MAX_PAGE = 2
    for n in range(3):
        make_product(title=f"Sản phẩm {n}")

    assert client.get("/catalogue/?page=2").status_code == 200
    assert client.get("/catalogue/?page=3").status_code == 404
