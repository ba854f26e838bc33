"""Twenty buyers, each on its own database connection, race through the real order
placement (the place-order request, OrderCreator, row locks) for the last five units."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from oscar.core.loading import get_model

from shop.payments.models import Payment
from tests.checkout import client_to_preview, ensure_reference_data
from tests.factories import make_ocop_product

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
BUYERS, UNITS = 20, 5


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (row locks, one connection per buyer); SQLite serialises "
            "every writer. CI runs it: DATABASE_URL=postgres://..."
        )


def test_twenty_buyers_for_five_units_make_exactly_five_orders():
    ensure_reference_data()
    honey = make_ocop_product(title="Mật ong hũ cuối", price=150000, stock=UNITS)
    buyers = []
    for n in range(BUYERS):
        client = Client()
        buyers.append((client, client_to_preview(client, honey, email=f"buyer{n}@example.vn")))
    connections.close_all()  # each thread opens its own connection
    start = threading.Barrier(BUYERS)

    def buy(buyer):
        client, fingerprint = buyer
        try:
            start.wait()
            response = client.post(
                "/checkout/preview/", {"action": "place_order", "fingerprint": fingerprint}
            )
            return response.status_code, response.content.decode()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=BUYERS) as pool:
        results = list(pool.map(buy, buyers))

    placed = [body for status, body in results if status == 302]
    refused = [body for status, body in results if status == 200]
    assert len(placed) == UNITS
    assert len(refused) == BUYERS - UNITS
    assert all("vừa hết hàng" in body for body in refused)  # "has just sold out"
    assert Order.objects.count() == UNITS
    assert Payment.objects.count() == UNITS
    record = StockRecord.objects.get(product=honey)
    assert (record.num_in_stock, record.num_allocated) == (UNITS, UNITS)
    assert record.net_stock_level == 0  # never negative
