"""Oscar's order, with the shopper's language, and one shipment per producer.

One order, one payment; its lines are grouped into shipments, one per producer, each
fulfilled (and paid out) on its own."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder

from shop.address.vietnam import VietnameseAddress


class OrderStatus(models.TextChoices):
    """An order's summary state (Oscar's `Order.status`); the detail lives on its payment
    and its shipments. OSCAR_ORDER_STATUS_PIPELINE lists the moves between them."""

    PLACED = "placed", _("Placed, paid on delivery")
    AWAITING_PAYMENT = "awaiting-payment", _("Awaiting payment")
    PAID = "paid", _("Paid")
    COMPLETE = "complete", _("Complete")
    EXPIRED = "expired", _("Expired: not paid in time")
    CANCELLED = "cancelled", _("Cancelled")


class Order(AbstractOrder):
    # Emails about the order speak the language the shopper ordered in.
    language = models.CharField(_("language"), max_length=10, default="vi")

    @property
    def status_label(self):
        return OrderStatus(self.status).label if self.status in OrderStatus.values else self.status


class ShippingAddress(VietnameseAddress, AbstractShippingAddress):
    class Meta(AbstractShippingAddress.Meta):
        pass


class Shipment(models.Model):
    """One producer's part of an order: its lines, its shipping charge, its parcel."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        PACKED = "packed", _("Packed")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="shipments", verbose_name=_("order")
    )
    producer = models.ForeignKey(
        "catalog.Producer",
        on_delete=models.PROTECT,
        related_name="shipments",
        verbose_name=_("producer"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    requires_shipping = models.BooleanField(_("ships a parcel"), default=True)
    charge = models.PositiveIntegerField(_("shipping charge (VND)"), default=0)
    days_min = models.PositiveSmallIntegerField(_("delivery in at least (days)"), default=0)
    days_max = models.PositiveSmallIntegerField(_("delivery in at most (days)"), default=0)
    carrier = models.CharField(_("carrier"), max_length=60, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=60, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=255, blank=True)
    # Cash on delivery: what the courier collected for this shipment.
    cash_collected = models.PositiveIntegerField(_("cash collected (VND)"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "producer"], name="order_shipment_one_per_producer"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="shipped") | ~models.Q(tracking_number=""),
                name="order_shipment_shipped_has_tracking",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | ~models.Q(cancel_reason=""),
                name="order_shipment_cancelled_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.order.number}/{self.producer_id}"

    @property
    def goods_total(self) -> int:
        """Its lines at the price paid, less what was refunded."""
        return sum(line.unit_price * line.quantity_kept for line in self.lines.all())

    @property
    def total(self) -> int:
        """What this shipment is worth to the shopper: its lines and its charge. Cash on
        delivery collects exactly this."""
        return self.goods_total + self.charge

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.DELIVERED, self.Status.CANCELLED)

    @property
    def has_left(self) -> bool:
        return self.status in (self.Status.SHIPPED, self.Status.DELIVERED)


class ShipmentEvent(models.Model):
    """A shipment's history: every status it went through, when, by whom, and why."""

    shipment = models.ForeignKey(
        Shipment, on_delete=models.CASCADE, related_name="events", verbose_name=_("shipment")
    )
    status = models.CharField(_("status"), max_length=12, choices=Shipment.Status.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["shipment", "created_at", "pk"]
        verbose_name = _("shipment event")
        verbose_name_plural = _("shipment events")

    def __str__(self):
        return f"{self.shipment} → {self.status}"


class Line(AbstractLine):
    shipment = models.ForeignKey(
        Shipment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("shipment"),
    )
    refunded_quantity = models.PositiveIntegerField(_("quantity refunded"), default=0)

    class Meta(AbstractLine.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(refunded_quantity__lte=models.F("quantity")),
                name="order_line_refund_within_quantity",
            )
        ]

    @property
    def unit_price(self) -> int:
        return int(self.unit_price_incl_tax)

    @property
    def quantity_kept(self) -> int:
        return self.quantity - self.refunded_quantity


from oscar.apps.order.models import *  # noqa: E402, F403  (Oscar fork: the rest unchanged)
