"""A guest on a phone buys from two producers and pays cash on delivery: the address with
province and commune, the payment method, the preview, and the order page with its two
shipments. The last screen is kept as test-results/checkout-cod-phone.png."""

import pytest

from catalog.models import Province
from tests.checkout import HANOI, NGHE_AN, QUANG_NINH, commune_of, ensure_reference_data
from tests.factories import make_ocop_product, make_producer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shop(live_server, places):
    ensure_reference_data()
    products = [
        make_ocop_product(
            title="Mật ong rừng Con Cuông",
            price=250000,
            producer=make_producer(
                name="HTX Mật ong Con Cuông", province=Province.objects.get(pk=NGHE_AN)
            ),
        ),
        make_ocop_product(
            title="Chả mực Hạ Long",
            price=320000,
            producer=make_producer(
                name="Công ty Chả mực Hạ Long", province=Province.objects.get(pk=QUANG_NINH)
            ),
        ),
    ]
    return live_server.url, products


def test_guest_pays_cash_on_delivery_for_two_producers(phone, shop):
    url, products = shop
    for product in products:
        phone.goto(url + product.get_absolute_url())
        phone.get_by_role("button", name="Thêm vào giỏ hàng").click()
        phone.locator(".alert-success").first.wait_for()

    phone.goto(f"{url}/basket/")
    assert phone.locator(".producer-group").count() == 2
    phone.get_by_role("link", name="Tiến hành thanh toán").click()

    phone.fill("#id_username", "khach@example.vn")
    phone.check("input[name=options][value=anonymous]")
    phone.get_by_role("button", name="Tiếp tục").click()

    phone.wait_for_url("**/checkout/shipping-address/")
    phone.fill("#id_first_name", "Nguyễn Thị Lan")
    phone.fill("#id_phone_number", "0912 345 678")
    phone.fill("#id_line1", "12 Tràng Tiền")
    phone.select_option("#id_province", str(HANOI))
    commune = str(commune_of(HANOI).pk)
    phone.locator(f"#id_commune option[value='{commune}']").wait_for(state="attached")
    phone.select_option("#id_commune", commune)
    phone.locator("#new_shipping_address").get_by_role("button", name="Tiếp tục").click()

    phone.wait_for_url("**/checkout/payment-method/")
    phone.check("input[name=method][value=cod]")
    phone.get_by_role("button", name="Xem lại đơn hàng").click()

    phone.wait_for_url("**/checkout/preview/")
    assert phone.locator(".producer-group").count() == 2
    assert "638.000\xa0₫" in phone.locator(".order-total").inner_text()
    phone.click("#place-order")

    phone.wait_for_url("**/checkout/thank-you/")
    phone.click("#view-order")
    phone.wait_for_url("**/order-status/**")
    assert phone.locator(".shipment").count() == 2
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path="test-results/checkout-cod-phone.png", full_page=True)
