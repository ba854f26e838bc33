"""Read-only requests read from the replica; a request that may write, and the shopper's
requests for a while after it, use the primary (shop/db_router.py, docs/SCALING.md).
The `replica` alias is a test mirror of `default`: the same database through another door."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from shop.db_router import WROTE_COOKIE

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture(autouse=True)
def places():
    # A transactional test starts from the database as the previous one left it (flushed).
    from catalog.models import Commune, Province
    from catalog.places import load_places

    if not Province.objects.exists():
        load_places(Province, Commune)


@pytest.fixture
def replica(settings):
    settings.DATABASE_ROUTERS = ["shop.db_router.ReplicaRouter"]
    settings.MIDDLEWARE = ["shop.db_router.ReadOnlyRequestsToReplica", *settings.MIDDLEWARE]
    settings.REPLICA_LAG_SECONDS = 10


def _request(client, method, url, **data):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = getattr(client, method)(url, data=data or None)
    reads = lambda captured: [q["sql"] for q in captured if q["sql"].startswith("SELECT")]  # noqa: E731
    return response, reads(primary), reads(replica)


def test_a_product_page_reads_from_the_replica(client, replica, make_product):
    product = make_product(title="Mật ong rừng Con Cuông")

    page, on_primary, on_replica = _request(client, "get", product.get_absolute_url())

    assert "Mật ong rừng Con Cuông" in page.content.decode()
    assert on_replica and not on_primary


def test_after_adding_to_the_basket_the_shopper_reads_from_the_primary(
    client, replica, make_product
):
    product = make_product()

    added, on_primary, on_replica = _request(
        client, "post", f"/basket/add/{product.pk}/", quantity=1
    )
    assert added.status_code == 302 and on_primary and not on_replica
    assert added.cookies[WROTE_COOKIE]["max-age"] == 10

    basket, on_primary, on_replica = _request(client, "get", "/basket/")
    assert "Mật ong rừng" in basket.content.decode()  # the line just added, from the primary
    assert on_primary and not on_replica


def test_without_the_router_everything_uses_the_primary(client, make_product):
    product = make_product()

    _, on_primary, on_replica = _request(client, "get", product.get_absolute_url())

    assert on_primary and not on_replica
