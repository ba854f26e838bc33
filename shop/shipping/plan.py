"""A basket split by producer: each group is one future shipment with its own charge and
delivery window. The basket page, the shipping method, the preview and OrderCreator all
read this one split; who made a product comes from catalog.selectors.producer_of."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.models import Producer, Province
from catalog.selectors import fetch_producers, producer_of
from shop.shipping.carriers import NoQuote, Parcel, get_carrier
from shop.shipping.models import ProducerShipping

ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
WEIGHT = "weight"  # the product attribute Oscar's Scale weighs by (its attribute_code)


@dataclass
class ProducerGroup:
    producer: Producer
    lines: list = field(default_factory=list)
    goods_total: int = 0  # VND
    weight_grams: int = 0
    requires_shipping: bool = False
    charge: int | None = None  # None until the destination is known
    days_min: int = 0
    days_max: int = 0
    carrier: str = ""
    free_shipping_over: int | None = None
    problem: str = ""  # why it cannot be delivered, in the shopper's words

    @property
    def ships_free(self) -> bool:
        return self.requires_shipping and self.charge == 0

    @property
    def total(self) -> int:
        return self.goods_total + (self.charge or 0)


def _fetch_weights(products) -> None:
    """Each product's weight attribute value (`weight_values`, a list), and its parent's for
    a variant, in one query for all of them."""
    weights = Prefetch(
        "attribute_values",
        queryset=ProductAttributeValue.objects.filter(attribute__code=WEIGHT).select_related(
            "attribute"
        ),
        to_attr="weight_values",
    )
    prefetch_related_objects([*products, *(p.parent for p in products if p.is_child)], weights)


def _weight_grams(line) -> int:
    """Oscar's Scale.weigh_product (a variant without a weight of its own weighs what its
    parent does; no weight at all, the default), read from `_fetch_weights`: Oscar's asks
    the database once per product."""
    product = line.product
    values = product.weight_values or (product.parent.weight_values if product.is_child else [])
    weight = values[0].value if values else None
    if weight is None:
        weight = settings.SHIPPING_DEFAULT_ITEM_WEIGHT_GRAMS
    return int(weight) * line.quantity


def split_by_producer(lines) -> list[ProducerGroup]:
    """Basket (or order) lines grouped by producer, in the order they first appear. Who made
    each product is fetched for all the lines at once."""
    lines = list(lines)
    fetch_producers([line.product for line in lines])
    groups: dict[int, ProducerGroup] = {}
    for line in lines:
        producer = producer_of(line.product)
        group = groups.setdefault(producer.pk, ProducerGroup(producer=producer))
        group.lines.append(line)
    return list(groups.values())


def plan(basket, destination: Province | None) -> list[ProducerGroup]:
    """Each producer's share of the basket, priced for delivery to `destination`
    (charges stay None without one). Services (tourism stays) ship nothing."""
    groups = split_by_producer(basket.all_lines())
    terms = dict(
        ProducerShipping.objects.filter(
            partner__in=[g.producer.partner_id for g in groups]
        ).values_list("partner", "free_shipping_over")
    )
    _fetch_weights([line.product for group in groups for line in group.lines])
    carrier = get_carrier()
    for group in groups:
        group.goods_total = sum(int(line.line_price_incl_tax) for line in group.lines)
        shipped = [line for line in group.lines if line.product.is_shipping_required]
        group.requires_shipping = bool(shipped)
        group.free_shipping_over = terms.get(group.producer.partner_id)
        if not group.requires_shipping:
            group.charge = 0
            continue
        group.weight_grams = sum(_weight_grams(line) for line in shipped)
        if destination is None:
            continue
        try:
            quote = carrier.quote(Parcel(group.producer.province, destination, group.weight_grams))
        except NoQuote as refusal:
            group.problem = str(refusal)
            continue
        group.carrier, group.days_min, group.days_max = (
            quote.carrier,
            quote.days_min,
            quote.days_max,
        )
        free = (
            group.free_shipping_over is not None and group.goods_total >= group.free_shipping_over
        )
        group.charge = 0 if free else quote.charge
    return groups


def shipping_total(groups: list[ProducerGroup]) -> int:
    return sum(group.charge or 0 for group in groups)


def undeliverable(groups: list[ProducerGroup]) -> str:
    """The first reason a group cannot be delivered, or ''."""
    return next((g.problem for g in groups if g.problem), "") or (
        _("Choose a delivery address first.")
        if any(g.requires_shipping and g.charge is None for g in groups)
        else ""
    )
