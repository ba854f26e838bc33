"""The product page shows the OCOP proof, in a fixed number of queries."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import QualityCertification
from catalog.services.batches import batch_create
from catalog.services.producers import producer_update
from tests.factories import certify, make_ocop_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(producer):
    producer_update(
        producer=producer,
        latitude="19.0485",
        longitude="104.8520",
        women_led=True,
        story_village="<p>Bản Khe Rạn nằm bên dòng Khe Choăng.</p>",
    )
    QualityCertification.objects.create(producer=producer, kind="vietgap", verified=True)
    QualityCertification.objects.create(producer=producer, kind="organic", verified=False)
    return make_ocop_product(
        title="Mật ong rừng Con Cuông",
        producer=producer,
        stars=3,
        decision_date=datetime.date(2024, 1, 5),
        decision_number="101/QĐ-UBND",
    )


def test_product_page_shows_certificate_producer_and_badges(django_app, product):
    certify(
        product, stars=4, decision_date=datetime.date(2025, 1, 5), decision_number="202/QĐ-UBND"
    )

    page = django_app.get(product.get_absolute_url())

    assert page.html.select_one(".product-detail .star-badge--4")
    panel = page.html.select_one(".certificate-panel").text
    assert "202/QĐ-UBND" in panel and "05/01/2025" in panel and "04/01/2028" in panel
    assert "101/QĐ-UBND" in page.html.select_one(".certificate-history").text  # history kept
    card = page.html.select_one(".producer-card")
    assert "Bản Khe Rạn" in card.text
    assert [b.text.strip() for b in card.select(".quality-badge")] == ["✔ VietGAP"]
    assert "mlat=19.048500" in card.select_one(".map-link")["href"]


def _queries(client, url):
    # Counted with the cache emptied: what is counted then is the page's own work, not
    # whether the storefront version (tests/functional/test_fragment_cache.py) moved.
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_query_count_does_not_grow_with_batches_or_certificates(client, product):
    batch_create(
        product=product,
        lot_code="L0",
        produced_on=datetime.date(2026, 1, 1),
        quantity=5,
        origin_area="Con Cuông",
    )
    _queries(client, product.get_absolute_url())  # first view: session, analytics row
    few = _queries(client, product.get_absolute_url())

    for n in range(1, 8):
        batch_create(
            product=product,
            lot_code=f"L{n}",
            produced_on=datetime.date(2026, 1, 1),
            quantity=5,
            origin_area="Con Cuông",
        )
    certify(product, stars=4, decision_date=datetime.date(2025, 1, 5))
    certify(product, stars=5, decision_date=datetime.date(2026, 1, 5), level="central")

    assert _queries(client, product.get_absolute_url()) == few
