"""Stock moves, each under row locks (select_for_update) taken in primary-key order, so
two orders racing for the same products queue instead of deadlocking or overselling.

Oscar's two-stage model: placing an order *allocates* (num_allocated grows); shipping
*consumes* the allocation (both numbers shrink); cancelling, expiry and refunds of
undelivered lines *release* it. Free stock is num_in_stock - num_allocated, never < 0."""

from collections import Counter

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


class OutOfStock(UnableToPlaceOrder):
    """Not enough free stock for a line; the message names the product and what is left."""


def _tracked(lines) -> Counter:
    quantities = Counter()
    for line, quantity in lines:
        if line.stockrecord_id and line.product.get_product_class().track_stock:
            quantities[line.stockrecord_id] += quantity
    return quantities


def _locked(ids) -> dict:
    records = StockRecord.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return {record.pk: record for record in records.select_related("product")}


def allocate(lines) -> None:
    """Reserve stock for (line, quantity) pairs, all or nothing. Must run inside the
    order's transaction: the locks hold until it commits."""
    wanted = _tracked(lines)
    records = _locked(wanted)
    for pk, quantity in wanted.items():
        record = records[pk]
        if record.net_stock_level < quantity:
            left = max(record.net_stock_level, 0)
            if left == 0:
                message = _("Sorry, %(product)s has just sold out.")
            else:
                message = _("Sorry, only %(left)s of %(product)s are left.")
            raise OutOfStock(message % {"product": record.product.get_title(), "left": left})
    for pk, quantity in wanted.items():
        StockRecord.objects.filter(pk=pk).update(
            num_allocated=Coalesce(F("num_allocated"), 0) + quantity
        )


def release(lines) -> None:
    """Give back the allocation of (line, quantity) pairs not shipped (cancelled,
    expired, refunded before delivery)."""
    wanted = _tracked(lines)
    records = _locked(wanted)
    for pk, quantity in wanted.items():
        records[pk].cancel_allocation(quantity)


def consume(lines) -> None:
    """The parcel left the producer: the allocated units leave the stock."""
    wanted = _tracked(lines)
    records = _locked(wanted)
    for pk, quantity in wanted.items():
        records[pk].consume_allocation(quantity)
