"""What checkout needs: the shipping rate table (staff edit it in the admin afterwards)
and each demo producer's free-shipping threshold. Payment methods need no data: COD is
always on, VietQR uses the demo account of shop/settings/dev.py, Stripe its keys."""

from pathlib import Path

from catalog.models import Producer
from shop.demo.base import Demo, read_data
from shop.shipping.models import ProducerShipping, ShippingRate

DATA_FILE = Path(__file__).with_name("checkout.json")


def demo_data() -> dict:
    return read_data(DATA_FILE)


def load_rate_table(rows: list[dict]) -> int:
    """Creates the bands that are missing; bands staff already edited are left alone."""
    created = 0
    for row in rows:
        row = dict(row)
        key = {"zone": row.pop("zone"), "max_weight_grams": row.pop("max_weight_grams")}
        created += ShippingRate.objects.get_or_create(**key, defaults=row)[1]
    return created


def load(demo: Demo) -> None:
    data = demo_data()
    created = load_rate_table(data["rates"])
    demo.say(f"Shipping rates: {created} created, {ShippingRate.objects.count()} in the table")
    for producer in Producer.objects.all():
        ProducerShipping.objects.get_or_create(
            partner=producer.partner, defaults={"free_shipping_over": data["free_shipping_over"]}
        )
