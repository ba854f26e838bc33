"""The dashboard pages producers and province officers use, in Vietnamese: every message
gettext is asked for while they are drawn (navigation, forms, lists, Oscar's dashboard
frame) has a Vietnamese translation in the active catalogues. The failure lists the
messages still in English."""

import pytest

from tests.translations import recording_messages, untranslated

pytestmark = pytest.mark.django_db


def test_producer_and_officer_pages_are_vietnamese(django_app, world):
    producer, officer = world.users["producer"], world.users["officer"]
    with recording_messages() as asked:
        for path in [
            "/dashboard/",
            "/dashboard/producer/",
            "/dashboard/producer/application/",
            "/dashboard/producer/products/",
            "/dashboard/producer/products/new/",
            f"/dashboard/producer/products/{world.product.pk}/",
            "/dashboard/producer/stock/",
            f"/dashboard/producer/stock/{world.stockrecord.pk}/",
            "/dashboard/producer/batches/",
            "/dashboard/producer/batches/new/",
            f"/dashboard/producer/batches/{world.batch.pk}/",
            "/dashboard/producer/certificates/",
            "/dashboard/producer/certificates/new/",
            f"/dashboard/producer/certificates/{world.certificate.pk}/",
            "/dashboard/producer/sales/",
            "/dashboard/shop/shipments/",
            f"/dashboard/shop/shipments/{world.shipment.pk}/",
        ]:
            django_app.get(path, user=producer)
        for path in [
            "/dashboard/",
            "/dashboard/province/",
            "/dashboard/province/producers/",
            f"/dashboard/province/producers/{world.pending_producer.pk}/",
            "/dashboard/province/certificates/",
            f"/dashboard/province/certificates/{world.pending_certificate.pk}/",
            "/dashboard/province/statistics/",
        ]:
            django_app.get(path, user=officer)

    assert len(asked) > 150  # the recorder saw the pages
    assert untranslated(asked) == []
