"""Each endpoint asks the database a fixed number of times, however many rows it returns."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Batch
from tests.factories import make_ocop_product, make_producer
from tests.factories.cms import make_fair, make_point_of_sale, week

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/products/",
    "/api/v1/producers/",
    "/api/v1/certificates/",
    "/api/v1/provinces/",
    "/api/v1/provinces/nghe_an/",
    "/api/v1/groups/",
    "/api/v1/points-of-sale/",
    "/api/v1/points-of-sale/geojson/",
    "/api/v1/fairs/",
]


def add_rows(n, *, group, nghe_an_page, start):
    """n more of everything: producers with products (with batches), points of sale, fairs."""
    for i in range(start, start + n):
        producer = make_producer(name=f"HTX số {i}", registration_number=f"31000000{i:02d}")
        product = make_ocop_product(title=f"Sản phẩm {i}", producer=producer, category=group)
        Batch.objects.create(
            product=product,
            lot_code=f"L{i}",
            produced_on="2026-09-01",
            quantity=1,
            origin_area="Nghệ An",
        )
        make_point_of_sale(nghe_an_page, title=f"Điểm bán {i}", slug=f"diem-ban-{i}", hours=week())
        make_fair(nghe_an_page, title=f"Hội chợ {i}", slug=f"hoi-cho-{i}")


def queries(client, url) -> int:
    client.get(url, HTTP_ACCEPT="application/json")  # warm per-process caches (site roots…)
    with CaptureQueriesContext(connection) as captured:
        answer = client.get(url, HTTP_ACCEPT="application/json")
    assert answer.status_code == 200, url
    return len(captured)


def test_query_counts_do_not_grow_with_the_rows_returned(client, ocop_group, nghe_an):
    add_rows(1, group=ocop_group, nghe_an_page=nghe_an, start=0)
    few = {url: queries(client, url) for url in LISTS}
    add_rows(4, group=ocop_group, nghe_an_page=nghe_an, start=1)
    many = {url: queries(client, url) for url in LISTS}

    assert client.get("/api/v1/products/", HTTP_ACCEPT="application/json").json()["results"][4]
    assert many == few
