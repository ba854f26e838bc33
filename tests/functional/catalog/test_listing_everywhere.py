"""The listing rule at every entry point a shopper or a crawler can reach."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from oscar.core.loading import get_model

from catalog.services.certificates import certificate_revoke
from tests.checkout import checkout_to_preview
from tests.factories import make_ocop_product

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
VN = ZoneInfo("Asia/Ho_Chi_Minh")  # the shop's day starts at midnight in Vietnam


@pytest.fixture
def shelf(honey_group, producer):
    """One listable product and one of each way of not being listable."""
    return {
        "listed": make_ocop_product(title="Mật ong rừng", producer=producer, category=honey_group),
        "expired": make_ocop_product(
            title="Giò bê hết hạn",
            producer=producer,
            category=honey_group,
            decision_date=datetime.date(2021, 1, 1),
        ),
        "two_star": make_ocop_product(
            title="Bánh hai sao", stars=2, producer=producer, category=honey_group
        ),
        "never": make_ocop_product(
            title="Chưa đánh giá", stars=None, producer=producer, category=honey_group
        ),
    }


def card_titles(page):
    return [a.text for a in page.html.select(".product-card__title a")]


def test_browse_category_and_search_show_only_the_listable(django_app, shelf, honey_group):
    assert card_titles(django_app.get("/catalogue/")) == ["Mật ong rừng"]
    assert card_titles(django_app.get(honey_group.get_absolute_url())) == ["Mật ong rừng"]
    # Each query names an unlisted product; only the listed one may ever come back.
    for query in ("Mật ong", "Giò bê hết hạn", "Bánh hai sao", "Chưa đánh giá"):
        titles = card_titles(django_app.get("/search/", params={"q": query}))
        assert titles == (["Mật ong rừng"] if query == "Mật ong" else []), query


def test_home_page_features_only_the_listable(django_app, home_page, shelf):
    assert card_titles(django_app.get("/")) == ["Mật ong rừng"]


def test_sitemap_lists_only_the_listable(django_app, shelf):
    xml = django_app.get("/sitemap.xml").text

    assert shelf["listed"].get_absolute_url() in xml
    for name in ("expired", "two_star", "never"):
        assert shelf[name].get_absolute_url() not in xml


def test_product_page_of_a_lapsed_product_says_so_and_has_no_buy_button(django_app, shelf):
    page = django_app.get(shelf["expired"].get_absolute_url())

    notice = page.html.select_one(".unlisted-notice").text
    assert "31/12/2023" in notice  # the day it lapsed
    assert "add_to_basket_form" not in page.forms


def test_product_page_of_a_never_certified_or_two_star_product_is_a_404(django_app, shelf):
    django_app.get(shelf["never"].get_absolute_url(), status=404)
    django_app.get(shelf["two_star"].get_absolute_url(), status=404)


def test_basket_refuses_an_unlisted_product_with_the_reason(django_app, shelf):
    listed_page = django_app.get(shelf["listed"].get_absolute_url())
    form = listed_page.forms["add_to_basket_form"]
    form.action = form.action.replace(
        f"/{shelf['listed'].pk}/", f"/{shelf['expired'].pk}/"
    )  # a crafted request for the lapsed product

    page = form.submit().maybe_follow()

    assert "Giò bê hết hạn" not in django_app.get("/basket/").text
    assert "31/12/2023" in page.text


def _checkout_to_preview(django_app, product):
    return checkout_to_preview(django_app, [product])


def test_checkout_refuses_an_order_when_the_certificate_lapsed_after_basketing(django_app, shelf):
    product = shelf["listed"]
    certificate = product.certificates.get()
    last_day = certificate.valid_until

    with time_machine.travel(
        datetime.datetime.combine(last_day, datetime.time(23, 0), VN), tick=False
    ):
        preview = _checkout_to_preview(django_app, product)
        assert "Mật ong rừng" in preview.text

    with time_machine.travel(
        datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time(0, 5), VN),
        tick=False,
    ):
        page = preview.forms["place_order_form"].submit().maybe_follow()

    assert Order.objects.count() == 0
    assert "expired" in page.text or "hết hiệu lực" in page.text or "hết hạn" in page.text


def test_checkout_refuses_an_order_when_the_certificate_is_revoked_meanwhile(django_app, shelf):
    product = shelf["listed"]
    preview = _checkout_to_preview(django_app, product)

    certificate_revoke(certificate=product.certificates.get(), reason="Không đạt kiểm tra ATTP")
    page = preview.forms["place_order_form"].submit().maybe_follow()

    assert Order.objects.count() == 0
    assert "thu hồi" in page.text  # the reason, shown


def test_checkout_places_the_order_while_the_certificate_is_valid(django_app, shelf):
    preview = _checkout_to_preview(django_app, shelf["listed"])

    preview.forms["place_order_form"].submit().maybe_follow()

    assert Order.objects.count() == 1
    assert Order.objects.get().lines.get().title == "Mật ong rừng"


def test_basket_refuses_a_hidden_product_saying_it_was_withdrawn(django_app, shelf):
    form = django_app.get(shelf["listed"].get_absolute_url()).forms["add_to_basket_form"]
    shelf["listed"].is_public = False
    shelf["listed"].save()

    form.submit()  # the page was open before the product was hidden
    page = django_app.get("/basket/")  # the refusal is shown as a message on the next page

    assert "Cửa hàng đã ngừng bán sản phẩm này." in page.text
    assert "chưa được xác minh" not in page.text  # not "producer not verified"
    assert not page.html.select(".basket-items")
