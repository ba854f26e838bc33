"""What a producer's parcel weighs, which its delivery charge is quoted on: each product's
"weight" attribute (grams), a variant's parent's when it has none of its own, and
SHIPPING_DEFAULT_ITEM_WEIGHT_GRAMS (500) when neither has one."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from shop.partner.strategy import Default
from shop.shipping.plan import plan
from tests.factories import make_producer

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
StockRecord = get_model("partner", "StockRecord")


def _weighing(product, grams):
    weight, _ = ProductAttribute.objects.get_or_create(
        product_class=product.get_product_class(),
        code="weight",
        defaults={"name": "Khối lượng (g)", "type": ProductAttribute.INTEGER},
    )
    weight.save_value(product, grams)


def _variant_of(parent, title):
    child = Product.objects.create(structure=Product.CHILD, parent=parent, title=title)
    StockRecord.objects.create(
        product=child,
        partner=parent.stockrecords.get().partner,
        partner_sku=f"SKU-{child.pk}",
        price=Decimal(90000),
        price_currency="VND",
        num_in_stock=10,
    )
    return child


def _basket(*lines):
    basket = Basket.objects.create()
    basket.strategy = Default()
    for product, quantity in lines:
        basket.add_product(product, quantity)
    basket = Basket.objects.get(pk=basket.pk)  # as the next page reads it
    basket.strategy = Default()
    return basket


def _planned(basket):
    """Each producer's parcel's weight, and the queries planning them asked."""
    with CaptureQueriesContext(connection) as captured:
        groups = plan(basket, None)
    return [group.weight_grams for group in groups], len(captured)


def test_a_parcel_weighs_its_products_their_parents_or_the_default(make_product):
    rice = make_product(title="Gạo ST25 túi 2 kg")
    _weighing(rice, 2000)
    honey = make_product(title="Mật ong bạc hà")  # no weight given: 500 g
    tea = make_product(title="Trà shan tuyết")
    tea.structure = Product.PARENT
    tea.save()
    _weighing(tea, 1000)
    small_tin = _variant_of(tea, "Trà shan tuyết hộp nhỏ")  # none of its own: its parent's

    fish_sauce = make_product(
        title="Nước mắm Phú Quốc", producer=make_producer(name="HTX Nước mắm Phú Quốc")
    )
    _weighing(fish_sauce, 1200)

    one_line, one_line_queries = _planned(_basket((rice, 2)))
    four_lines = _basket((rice, 2), (honey, 1), (small_tin, 1), (fish_sauce, 1))
    weights, queries = _planned(four_lines)

    assert one_line == [2 * 2000]
    assert weights == [2 * 2000 + 500 + 1000, 1200]  # one parcel per producer
    assert queries == one_line_queries  # the same queries, however many lines and producers
    _weighing(small_tin, 750)
    assert _planned(_basket((small_tin, 1)))[0] == [750]
