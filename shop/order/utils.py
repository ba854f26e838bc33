"""Oscar's OrderCreator, made safe for a marketplace of many producers.

Inside one transaction it (1) asks the listing rule again, fresh from the database, so a
certificate that lapsed or was revoked since the basket stops the order with the reason;
(2) prices every producer's parcel again and refuses a total that differs from the one
the shopper saw; (3) allocates stock under row locks, all or nothing (shop/partner/stock);
(4) writes the order, then one shipment per producer holding that producer's lines."""

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.order import utils
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_model

from catalog import selectors
from shop.partner import stock
from shop.shipping.plan import plan, shipping_total, undeliverable

Line = get_model("order", "Line")
Product = get_model("catalogue", "Product")
Shipment = get_model("order", "Shipment")
ShipmentEvent = get_model("order", "ShipmentEvent")


class NotListed(UnableToPlaceOrder):
    """A product in the basket may no longer be sold; the message says why."""


class TotalChanged(UnableToPlaceOrder):
    """What the order would cost now differs from what the shopper was shown."""


class OrderCreator(utils.OrderCreator):
    def place_order(self, basket, total, shipping_method, shipping_charge, **kwargs):
        self._order_lines = {}
        with transaction.atomic():
            lines = list(basket.all_lines())
            self.check_listing_rule(lines)
            address = kwargs.get("shipping_address")
            groups = plan(basket, getattr(address, "province", None))
            reason = undeliverable(groups) if basket.is_shipping_required() else ""
            if reason:
                raise UnableToPlaceOrder(reason)
            charged = int(shipping_charge.incl_tax)
            if shipping_total(groups) != charged or int(total.incl_tax) != (
                int(basket.total_incl_tax) + charged
            ):
                raise TotalChanged(
                    _("The total changed while you were checking out. Please review it again.")
                )
            stock.allocate([(line, line.quantity) for line in lines])
            order = super().place_order(basket, total, shipping_method, shipping_charge, **kwargs)
            self.create_shipments(order, groups)
        return order

    def check_listing_rule(self, lines) -> None:
        """The listing rule, asked now, inside the transaction (never a cached verdict)."""
        products = {(line.product.parent_id or line.product_id) for line in lines}
        listed = set(
            selectors.listable_products().filter(pk__in=products).values_list("pk", flat=True)
        )
        for pk in sorted(products - listed):
            product = Product._default_manager.get(pk=pk)
            raise NotListed(
                _("%(product)s cannot be ordered: %(reason)s")
                % {"product": product.get_title(), "reason": selectors.unlisted_reason(product)}
            )

    def update_stock_records(self, line):
        """Stock was allocated before the lines were written, under locks (see above)."""

    def create_additional_line_models(self, order, order_line, basket_line):
        self._order_lines[basket_line.pk] = order_line.pk

    def create_shipments(self, order, groups) -> None:
        for group in groups:
            shipment = Shipment.objects.create(
                order=order,
                producer=group.producer,
                requires_shipping=group.requires_shipping,
                charge=group.charge or 0,
                days_min=group.days_min,
                days_max=group.days_max,
            )
            ShipmentEvent.objects.create(shipment=shipment, status=shipment.status)
            Line.objects.filter(pk__in=[self._order_lines[line.pk] for line in group.lines]).update(
                shipment=shipment
            )
