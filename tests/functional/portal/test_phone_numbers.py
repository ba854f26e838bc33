"""Phone numbers as Vietnamese people write them (0912 345 678, 024 3825 1234), however they
were typed or stored, on every page and email that shows one, each a `tel:` link in E.164.

A producer's phone is shown to the province office and to the producer, never on the
public product page (docs/API.md: contact details are not part of the public profile)."""

import pytest
from django.template.loader import render_to_string

from catalog.templatetags.ocop_phone import phone, tel_uri
from tests.factories.cms import make_point_of_sale
from tests.factories.cms_fixtures import nghe_an, sections  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "shown", "uri"),
    [
        ("+84912345678", "0912 345 678", "tel:+84912345678"),
        ("0912.345.678", "0912 345 678", "tel:+84912345678"),
        ("02438251234", "024 3825 1234", "tel:+842438251234"),
        ("0238 3844 123", "0238 3844 123", "tel:+842383844123"),
        ("1900 1234", "1900 1234", "tel:+8419001234"),  # a hotline
        ("+33 1 42 68 53 00", "+33 1 42 68 53 00", "tel:+33142685300"),
        ("gọi Zalo", "gọi Zalo", ""),
    ],
)
def test_the_phone_filters(typed, shown, uri):
    assert (phone(typed), tel_uri(typed)) == (shown, uri)


def test_the_province_office_and_the_producer_see_the_producers_phone(django_app, world):
    producer = world.producer_a
    producer.phone = "+84912345678"
    producer.save(update_fields=["phone"])

    office = django_app.get(
        f"/dashboard/province/producers/{producer.pk}/", user=world.users["officer"]
    )
    assert "0912 345 678" in office.text
    assert 'href="tel:+84912345678"' in office.text
    own = django_app.get("/dashboard/producer/application/", user=world.users["producer"])
    assert "0912 345 678" in own.text

    email = render_to_string(
        "catalog/email/application_received_body.txt", {"producer": producer, "url": "/"}
    )
    assert "0912 345 678" in email


def test_the_recipients_phone_on_the_order_and_shipment_pages(django_app, world):
    # The shopper typed "0912 345 678" at checkout (tests/checkout.py); it is stored in E.164.
    order = world.shipment.order
    assert str(order.shipping_address.phone_number) == "+84912345678"

    # The guest shopper's own order page first, while the checkout's session is theirs.
    shopper = django_app.get("/checkout/thank-you/").click(linkid="view-order")
    producer = django_app.get(
        f"/dashboard/shop/shipments/{world.shipment.pk}/", user=world.users["producer"]
    )
    staff = django_app.get(f"/dashboard/orders/{order.number}/", user=world.users["staff"])

    for page in (shopper, producer, staff):
        assert "0912 345 678" in page.text, page.request.path
        assert 'href="tel:+84912345678"' in page.text, page.request.path


def test_a_point_of_sale_phone(django_app, nghe_an):  # noqa: F811
    shop = make_point_of_sale(nghe_an, phone="02438251234")

    page = django_app.get(shop.url)

    assert "024 3825 1234" in page.text
    assert 'href="tel:+842438251234"' in page.text
