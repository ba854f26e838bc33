"""Product pages, facet menus and the home page are drawn from cached fragments, and a
change to anything they show reaches the next visitor at once, however it was written
(bulk updates send no signal: database triggers bump the versions the keys carry,
search/migrations/0004, 0005 and 0007). What changes per visitor (the price box, the
add-to-basket form with its CSRF token, whether a shop is open now) is never cached as a
fragment; whole pages shared by anonymous visitors (test_shared_pages.py) carry each
visitor's own token, and this module's visitors, who keep their cookies, go through them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from catalog.models import Batch, Certificate, Producer
from catalog.selectors import today
from cms.models import OpeningHours
from tests.factories.cms import (
    make_article,
    make_point_of_sale,
    make_province_page,
    make_sections,
    week,
)

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")


@pytest.fixture
def home_sections(home_page):
    return make_sections(home_page)


@pytest.fixture
def honey(make_product):
    return make_product(title="Mật ong rừng Con Cuông", price=150000, stock=10)


def _tables(captured) -> set:
    return {
        table
        for q in captured.captured_queries
        for table in ("catalogue_productimage", "catalog_batch", "catalog_qualitycertification")
        if f'"{table}"' in q["sql"]
    }


def test_a_repeated_product_page_reads_only_what_changes_per_visitor(client, home_page, honey):
    client.get(honey.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        page = client.get(honey.get_absolute_url()).content.decode()

    assert "Mật ong rừng Con Cuông" in page and "150.000" in page
    assert _tables(captured) == set()  # pictures, batches, quality marks: from the cache


def test_each_visitor_gets_their_own_form_token(home_page, honey):
    from django.test import Client

    first, second = Client(), Client()
    pages = [c.get(honey.get_absolute_url()).content.decode() for c in (first, second)]
    tokens = [p.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0] for p in pages]
    assert tokens[0] != tokens[1]


def test_what_a_product_page_shows_changes_at_once(django_app, home_page, honey, producer):
    url = honey.get_absolute_url()
    django_app.get(url)  # cached

    Product.objects.filter(pk=honey.pk).update(title="Mật ong hoa nhãn")
    Producer.objects.filter(pk=producer.pk).update(story_history="<p>Ba đời nuôi ong</p>")
    Batch.objects.create(
        product=honey,
        lot_code="LO-2026-07",
        produced_on=today() - datetime.timedelta(days=3),
        quantity=100,
        origin_area="Con Cuông",
    )
    StockRecord.objects.filter(product=honey).update(price=99000)

    page = django_app.get(url).text
    assert "Mật ong hoa nhãn" in page
    assert "Ba đời nuôi ong" in page
    assert "LO-2026-07" in page
    assert "99.000" in page and "150.000" not in page


def test_a_revoked_certificate_takes_the_buy_button_off_at_once(django_app, home_page, honey):
    url = honey.get_absolute_url()
    assert django_app.get(url).html.select_one("#add_to_basket_form") is not None

    Certificate.objects.filter(product=honey).update(status=Certificate.Status.REVOKED)

    page = django_app.get(url)
    assert page.html.select_one("#add_to_basket_form") is None
    assert page.html.select_one(".unlisted-notice") is not None


def test_facet_counts_follow_the_catalogue(django_app, honey, make_product):
    def stars_count():
        page = django_app.get("/catalogue/")
        return page.html.select_one(".facet--stars .facet-count").text.strip()

    assert stars_count() == "1"
    make_product(title="Mật ong bạc hà Hà Giang")
    assert stars_count() == "2"


def test_a_story_published_in_the_cms_is_on_the_home_page_at_once(django_app, home_sections):
    django_app.get("/")  # the sections are cached
    make_article(home_sections["news"], title="Mùa mật ong Con Cuông", slug="mua-mat-ong")

    assert "Mùa mật ong Con Cuông" in django_app.get("/").text


def test_whether_a_shop_is_open_is_worked_out_on_every_visit(django_app, home_sections):
    province = make_province_page(home_sections["provinces"])
    shop = make_point_of_sale(province, title="Điểm bán OCOP Vinh", hours=week("00:00", "23:59"))

    def status():
        return django_app.get("/").html.select_one(".place-card .open-status")["class"]

    assert "open-status--open" in status()
    OpeningHours.objects.filter(page=shop).delete()  # no page is published: no version moves
    assert "open-status--closed" in status()


def test_groups_renamed_or_hidden_change_menus_and_pages_at_once(
    django_app, home_page, honey, honey_group
):
    Category = get_model("catalogue", "Category")
    sub = honey_group.add_child(name="Mật ong", slug="mat-ong")
    url = sub.get_absolute_url()
    assert "Mật ong" in django_app.get(url).html.select_one("h1").text

    Category.objects.filter(pk=honey_group.pk).update(name="Thực phẩm OCOP")
    page = django_app.get(url)
    assert "Thực phẩm OCOP" in page.html.select_one(".breadcrumb").text
    assert "Thực phẩm OCOP" in page.html.select_one(".group-menu").text

    Category.objects.filter(pk=honey_group.pk).update(is_public=False, numchild=1)
    sub.refresh_from_db()
    sub.save()  # Oscar works out ancestors_are_public on save
    django_app.get(url, status=404)
