"""Community-tourism services (OCOP group 6) are booked for a date and a party size, and
never shipped."""

import datetime

import pytest
from oscar.core.loading import get_model

from catalog.product_classes import SERVICES
from tests.factories import make_ocop_product

pytestmark = pytest.mark.django_db

ProductClass = get_model("catalogue", "ProductClass")
Basket = get_model("basket", "Basket")


@pytest.fixture
def homestay(producer):
    product = make_ocop_product(
        title="Homestay bản Khe Rạn",
        price=350000,
        stars=3,
        producer=producer,
        product_class=ProductClass.objects.get(slug=SERVICES).name,
    )
    return product


def test_service_class_has_no_stock_and_no_shipping():
    services = ProductClass.objects.get(slug=SERVICES)
    assert (services.requires_shipping, services.track_stock) == (False, False)
    assert [o.code for o in services.options.order_by("order")] == ["arrival-date", "party-size"]


def test_booking_asks_for_date_and_party_size_and_needs_no_shipping(django_app, homestay):
    page = django_app.get(homestay.get_absolute_url())
    form = page.forms["add_to_basket_form"]
    assert {"arrival-date", "party-size"} <= set(form.fields)
    date_input = page.html.select_one("input[name=arrival-date]")
    assert date_input["type"] == "date"  # the phone's own date picker
    assert date_input["min"] == datetime.date.today().isoformat()

    form["party-size"] = "4"
    form.submit().maybe_follow()  # no date
    form["arrival-date"] = "2020-01-01"
    form.submit().maybe_follow()  # a past date
    assert Basket.objects.filter(lines__isnull=False).count() == 0

    form = django_app.get(homestay.get_absolute_url()).forms["add_to_basket_form"]
    arrival = datetime.date.today() + datetime.timedelta(days=20)
    form["arrival-date"] = arrival.isoformat()
    form["party-size"] = "4"
    form.submit()

    basket = Basket.objects.get(lines__isnull=False)
    line = basket.lines.get()
    booking = {a.option.code: a.value for a in line.attributes.all()}
    assert booking == {"arrival-date": arrival.isoformat(), "party-size": 4}
    assert not basket.is_shipping_required()
