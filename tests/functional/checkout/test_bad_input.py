"""Bad input at checkout is refused with a clear message, and nothing changes."""

import pytest
from django.core.management import call_command
from oscar.core.loading import get_model

from shop.payments.models import Payment
from shop.shipping.models import ShippingRate
from tests.checkout import (
    HANOI,
    NGHE_AN,
    add_to_basket,
    checkout_to_preview,
    commune_of,
    fill_address,
    place_order,
    rate_table,
)
from tests.factories import make_ocop_product

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def vietqr_on(settings):
    settings.VIETQR_BANK_BIN = "970436"
    settings.VIETQR_BANK_NAME = "Vietcombank"
    settings.VIETQR_ACCOUNT_NUMBER = "0011001234567"
    settings.VIETQR_ACCOUNT_NAME = "CHO OCOP"


@pytest.fixture
def honey(db):
    rate_table()
    return make_ocop_product(title="Mật ong rừng", price=150000, stock=3)


def address_page(app, product):
    add_to_basket(app, product)
    form = app.get("/checkout/").forms["gateway_form"]
    form["username"] = "khach@example.vn"
    form["options"] = "anonymous"
    return form.submit().follow()


def test_a_commune_of_another_province_is_refused(django_app, honey):
    page = address_page(django_app, honey)
    form = page.forms["new_shipping_address"]
    form["first_name"] = "Lan"
    form["phone_number"] = "0912345678"
    form["line1"] = "12 Lê Lợi"
    form["province"] = str(HANOI)
    form["commune"].force_value(str(commune_of(NGHE_AN).pk))  # a crafted request

    page = form.submit()

    assert "không thuộc Thành phố Hà Nội" in page.html.select_one(".invalid-feedback").text
    assert not django_app.session["checkout_data"]["shipping"]  # no address was kept


@pytest.mark.parametrize(
    "phone", ["0212345678", "091234567", "09123456789", "abc", "+1 212 555 0100"]
)
def test_a_malformed_or_non_mobile_phone_is_refused(django_app, honey, phone):
    page = address_page(django_app, honey)
    form = page.forms["new_shipping_address"]
    form["first_name"] = "Lan"
    form["phone_number"] = phone
    form["line1"] = "12 Lê Lợi"
    form["province"] = str(HANOI)
    form["commune"].force_value(str(commune_of(HANOI).pk))

    page = form.submit()

    assert "10 chữ số" in page.text
    assert page.request.path == "/checkout/shipping-address/"


@pytest.mark.parametrize("quantity", ["0", "-1", "4"])
def test_basket_quantity_zero_negative_or_over_stock_is_refused(django_app, honey, quantity):
    add_to_basket(django_app, honey)
    form = django_app.get("/basket/").forms["basket_formset"]
    form["form-0-quantity"] = quantity

    page = form.submit().maybe_follow()

    assert page.html.select(".basket-line")  # still there
    assert (
        django_app.get("/basket/").html.select_one(".basket-line input[name=form-0-quantity]")[
            "value"
        ]
        == "1"
    )
    assert "1" in page.text and ("ít nhất 1" in page.text or "3" in page.text)


def test_a_tampered_preview_total_places_no_order(django_app, honey):
    preview = checkout_to_preview(django_app, [honey])
    form = preview.forms["place_order_form"]
    form["fingerprint"].force_value("0" * 64)  # what the page showed, altered

    page = form.submit()

    assert Order.objects.count() == 0
    assert "đã thay đổi" in page.html.select_one(".checkout-error").text
    assert StockRecord.objects.get(product=honey).num_allocated in (0, None)


def test_a_basket_changed_after_the_preview_places_no_order(django_app, honey):
    preview = checkout_to_preview(django_app, [honey])
    add_to_basket(django_app, honey)  # another tab: one more jar

    page = preview.forms["place_order_form"].submit()

    assert Order.objects.count() == 0
    assert "đã thay đổi" in page.text


def test_someone_elses_order_page_is_not_shown(django_app, honey, django_user_model):
    place_order(django_app, [honey])
    order = Order.objects.get()
    stranger = django_user_model.objects.create_user("la", "la@example.vn", "x")
    django_app.set_user(stranger)

    django_app.get(f"/accounts/orders/{order.number}/", status=404)
    django_app.set_user(None)
    django_app.reset()
    forged = f"/accounts/order-status/{order.number}/{order.number}:forged/"
    assert "shipment" not in django_app.get(forged).maybe_follow().text
    form = django_app.get("/order-status/").forms["order_lookup_form"]
    form["number"], form["email"] = order.number, "someone@example.vn"
    assert "Không có đơn hàng nào khớp" in form.submit().text


def test_cod_above_its_cap_is_not_offered(django_app, honey, settings, vietqr_on):
    settings.COD_MAX_ORDER_TOTAL = 100000
    preview = checkout_to_preview(django_app, [honey], method="vietqr")
    assert "Chuyển khoản" in preview.text
    page = django_app.get("/checkout/payment-method/")
    assert "100.000\xa0₫" in page.html.select_one(".payment-method.is-disabled").text


def test_vietqr_order_shows_the_code_and_expires_releasing_stock(django_app, honey, vietqr_on):
    page = place_order(django_app, [honey], method="vietqr")
    order = Order.objects.get()
    assert page.html.select_one("img.vietqr")["src"].startswith("data:image/png;base64,")
    assert page.html.select_one(".transfer-reference").text == f"OCOP{order.number}"
    assert StockRecord.objects.get(product=honey).num_allocated == 1

    Payment.objects.update(expires_at=order.date_placed)
    call_command("expire_unpaid_orders")

    order.refresh_from_db()
    assert order.status == "expired"
    assert {s.status for s in order.shipments.all()} == {"cancelled"}
    assert StockRecord.objects.get(product=honey).num_allocated == 0


def test_an_address_the_rate_table_does_not_cover_says_why(django_app, honey):
    ShippingRate.objects.filter(zone="other-region").delete()  # Nghệ An → Hà Nội
    page = address_page(django_app, honey)

    page = fill_address(page, province=HANOI).maybe_follow()

    assert page.request.path == "/checkout/shipping-address/"
    assert "Chưa giao hàng đến Thành phố Hà Nội" in page.text
