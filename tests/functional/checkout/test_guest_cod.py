"""A guest buys two products of two producers with cash on delivery: one order, two
shipments with their own charges; each producer delivers; each is credited."""

import pytest
from django.core import mail
from oscar.core.loading import get_model

from catalog.models import Province
from shop.payments.models import LedgerEntry, Payment
from tests.checkout import HANOI, NGHE_AN, QUANG_NINH, place_order, rate_table
from tests.factories import make_ocop_product, make_producer

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def two_producers(db):
    rate_table()
    honey = make_ocop_product(
        title="Mật ong rừng Con Cuông",
        price=250000,
        stock=5,
        producer=make_producer(
            name="HTX Mật ong Con Cuông", province=Province.objects.get(pk=NGHE_AN)
        ),
    )
    squid = make_ocop_product(
        title="Chả mực Hạ Long",
        price=320000,
        stock=5,
        producer=make_producer(
            name="Công ty Chả mực Hạ Long", province=Province.objects.get(pk=QUANG_NINH)
        ),
    )
    return honey, squid


def test_guest_cod_order_with_two_shipments_delivered_and_credited(
    django_app, two_producers, admin_user, django_capture_on_commit_callbacks
):
    honey, squid = two_producers
    with django_capture_on_commit_callbacks(execute=True):
        page = place_order(django_app, [honey, squid], province=HANOI)

    order = Order.objects.get()
    assert order.guest_email == "khach@example.vn"
    assert order.status == "placed"
    shipments = {s.producer.legal_name: s for s in order.shipments.all()}
    # Nghệ An (central) → Hà Nội (north): another region; Quảng Ninh → Hà Nội: same region.
    assert shipments["HTX Mật ong Con Cuông"].charge == 38000
    assert shipments["Công ty Chả mực Hạ Long"].charge == 30000
    assert int(order.shipping_incl_tax) == 68000
    assert int(order.total_incl_tax) == 250000 + 320000 + 68000
    assert order.payment.method == "cod" and order.payment.amount == 638000
    assert [line.shipment.producer for line in order.lines.order_by("pk")] == [
        honey.stockrecords.get().partner.producer,
        squid.stockrecords.get().partner.producer,
    ]
    # The thank-you page shows both shipments and their charges.
    assert len(page.html.select(".shipment")) == 2
    assert "38.000\xa0₫" in page.text and "30.000\xa0₫" in page.text
    assert StockRecord.objects.get(product=honey).num_allocated == 1
    assert mail.outbox[-1].to == ["khach@example.vn"]
    assert "Đơn hàng" in mail.outbox[-1].subject

    # Each producer moves its own shipment along in the dashboard.
    django_app.set_user(admin_user)
    for shipment in order.shipments.all():
        for status, extra in (
            ("packed", {}),
            ("shipped", {"carrier": "Viettel Post", "tracking_number": f"VTP{shipment.pk}"}),
            ("delivered", {}),
        ):
            form = django_app.get("/dashboard/shop/shipments/").forms[
                f"shipment-form-{shipment.pk}"
            ]
            form["status"] = status
            for field, value in extra.items():
                form[field] = value
            with django_capture_on_commit_callbacks(execute=True):
                form.submit().follow()
    order.refresh_from_db()
    assert {s.status for s in order.shipments.all()} == {"delivered"}
    payment = Payment.objects.get(order=order)
    assert payment.status == "paid" and payment.amount_received == 638000
    assert order.status == "complete"
    subjects = [message.subject for message in mail.outbox]
    assert sum("đã giao" in s for s in subjects) == 2  # one email per delivered parcel
    assert sum("đã gửi" in s for s in subjects) == 2
    assert StockRecord.objects.get(product=honey).num_in_stock == 4
    assert StockRecord.objects.get(product=honey).num_allocated == 0

    # The ledger: each line less 10 % commission, each shipping charge whole.
    by_producer = {}
    for entry in LedgerEntry.objects.all():
        by_producer.setdefault(entry.producer.legal_name, []).append((entry.kind, entry.amount))
    assert sorted(by_producer["HTX Mật ong Con Cuông"]) == [("sale", 225000), ("shipping", 38000)]
    assert sorted(by_producer["Công ty Chả mực Hạ Long"]) == [("sale", 288000), ("shipping", 30000)]

    # The guest finds the order again with its number and email.
    django_app.set_user(None)
    form = django_app.get("/order-status/").forms["order_lookup_form"]
    form["number"] = order.number
    form["email"] = "KHACH@example.vn"
    page = form.submit().follow()
    assert len(page.html.select(".shipment")) == 2
    assert all(s.text.strip() == "Đã giao" for s in page.html.select(".shipment__status"))
