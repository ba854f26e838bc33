"""A producer on a phone (390 px): logs in, changes a stock level, and ships a shipment
with its carrier and tracking number. Nothing is wider than the screen; the last screen is
kept as test-results/producer-phone.png."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from oscar.core.loading import get_model

from catalog.models import Province
from catalog.services.roles import producer_member_add
from tests.checkout import NGHE_AN, client_to_preview, ensure_reference_data
from tests.factories import make_ocop_product, make_producer

pytestmark = pytest.mark.django_db(transaction=True)

Order = get_model("order", "Order")


@pytest.fixture
def producer_with_an_order(live_server, places):
    ensure_reference_data()
    producer = make_producer(
        name="HTX Mật ong Con Cuông", province=Province.objects.get(pk=NGHE_AN)
    )
    honey = make_ocop_product(
        title="Mật ong rừng Con Cuông", price=250000, stock=8, producer=producer
    )
    member = get_user_model().objects.create_user(
        "htx.concuong", "htx.concuong@example.vn", "mat-ong-2026"
    )
    producer_member_add(producer=producer, user=member)
    buyer = Client()
    fingerprint = client_to_preview(buyer, honey, email="khach@example.vn")
    buyer.post("/checkout/preview/", {"action": "place_order", "fingerprint": fingerprint})
    shipment = Order.objects.get().shipments.get()
    return live_server.url, honey.stockrecords.get(), shipment


def test_producer_changes_stock_and_ships_on_a_phone(phone, producer_with_an_order):
    url, record, shipment = producer_with_an_order

    phone.goto(f"{url}/dashboard/login/")
    phone.fill("#id_username", "htx.concuong@example.vn")
    phone.fill("#id_password", "mat-ong-2026")
    phone.get_by_role("button", name="Đăng nhập").click()
    phone.wait_for_url("**/dashboard/producer/")

    # The stock page: one card per product, its stock and price side by side.
    phone.get_by_role("navigation", name="Trang của nhà sản xuất").get_by_role(
        "link", name="Tồn kho"
    ).click()
    phone.wait_for_url("**/dashboard/producer/stock/")
    card = phone.locator(f"#stock-{record.pk}")
    card.get_by_label("Trong kho").fill("20")
    card.get_by_role("button", name="Lưu").click()
    phone.locator(".alert-success").first.wait_for()
    record.refresh_from_db()
    assert record.num_in_stock == 20
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # The shipment: pack it, then ship it with the carrier and the tracking number.
    phone.get_by_role("navigation", name="Trang của nhà sản xuất").get_by_role(
        "link", name="Kiện hàng"
    ).click()
    phone.wait_for_url("**/dashboard/shop/shipments/")
    phone.locator(f"#shipment-{shipment.pk} h2 a").click()
    phone.wait_for_url(f"**/dashboard/shop/shipments/{shipment.pk}/")
    form = phone.locator(f"#shipment-form-{shipment.pk}")
    form.locator("select[name=status]").select_option("packed")
    form.get_by_role("button", name="Lưu").click()
    phone.locator(".alert-success").first.wait_for()

    phone.goto(f"{url}/dashboard/shop/shipments/{shipment.pk}/")
    form = phone.locator(f"#shipment-form-{shipment.pk}")
    form.locator("select[name=status]").select_option("shipped")
    form.get_by_placeholder("Đơn vị vận chuyển").fill("Viettel Post")
    form.get_by_placeholder("Mã vận đơn").fill("VTP0012345")
    form.get_by_role("button", name="Lưu").click()
    phone.locator(".alert-success").first.wait_for()

    shipment.refresh_from_db()
    assert shipment.status == "shipped"
    assert (shipment.carrier, shipment.tracking_number) == ("Viettel Post", "VTP0012345")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path="test-results/producer-phone.png", full_page=True)
