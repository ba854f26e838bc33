"""A shipment's life: pending → packed → shipped (carrier and tracking number) →
delivered, or cancelled with a reason before it leaves. Each move is checked here,
recorded in its history, moves stock (shipped: consumed; cancelled: released), and, on
delivery, collects cash on delivery and credits the producer's ledger."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.order import notifications
from shop.partner import stock

Shipment = get_model("order", "Shipment")
ShipmentEvent = get_model("order", "ShipmentEvent")
S = Shipment.Status

MOVES = {
    S.PENDING: {S.PACKED, S.CANCELLED},
    S.PACKED: {S.SHIPPED, S.CANCELLED},
    S.SHIPPED: {S.DELIVERED},
    S.DELIVERED: set(),
    S.CANCELLED: set(),
}
# A booking (tourism stay) has no parcel: it is confirmed, then delivered (the stay happened).
MOVES_WITHOUT_PARCEL = {S.PENDING: {S.DELIVERED, S.CANCELLED}}


def next_statuses(shipment) -> set:
    if not shipment.requires_shipping and shipment.status in MOVES_WITHOUT_PARCEL:
        return MOVES_WITHOUT_PARCEL[shipment.status]
    return MOVES[shipment.status]


def _lines_kept(shipment):
    return [(line, line.quantity_kept) for line in shipment.lines.all() if line.quantity_kept]


def shipment_advance(
    *,
    shipment,
    to: str,
    by=None,
    carrier: str = "",
    tracking_number: str = "",
    reason: str = "",
    note: str = "",
):
    """Moves a shipment to `to`, or raises ValidationError saying why it cannot."""
    from shop.payments import ledger, services

    shipment = Shipment.objects.select_for_update().select_related("order").get(pk=shipment.pk)
    if to not in next_statuses(shipment):
        raise ValidationError(
            _("A shipment that is %(now)s cannot become %(next)s.")
            % {"now": shipment.get_status_display(), "next": S(to).label}
        )
    payment = shipment.order.payment
    if to in (S.PACKED, S.SHIPPED) and payment.status not in (
        payment.Status.PAID,
        payment.Status.ON_DELIVERY,
    ):
        raise ValidationError(_("This order is not paid yet: do not ship it."))
    if to == S.SHIPPED:
        carrier, tracking_number = carrier.strip(), tracking_number.strip()
        if not carrier or not tracking_number:
            raise ValidationError(_("Give the carrier and the tracking number."))
        shipment.carrier, shipment.tracking_number = carrier, tracking_number
        stock.consume(_lines_kept(shipment))
    if to == S.CANCELLED:
        reason = reason.strip()
        if not reason:
            raise ValidationError(_("Say why the shipment is cancelled."))
        shipment.cancel_reason = reason
        stock.release(_lines_kept(shipment))
    if to == S.DELIVERED and not shipment.requires_shipping:
        stock.consume(_lines_kept(shipment))
    shipment.status = to
    if to == S.DELIVERED and payment.status == payment.Status.ON_DELIVERY:
        shipment.cash_collected = shipment.total
    shipment.save()
    ShipmentEvent.objects.create(
        shipment=shipment, status=to, note=note or reason or tracking_number, created_by=by
    )
    if to == S.CANCELLED:
        services.shipment_cancelled(shipment=shipment)
    if to == S.DELIVERED:
        if shipment.cash_collected:
            services.cash_collected(shipment=shipment)
        ledger.credit_shipment(shipment=shipment)
        services.order_complete_if_done(shipment.order)
        notifications.queue(shipment.order, notifications.SHIPMENT_DELIVERED, shipment=shipment)
    if to == S.SHIPPED:
        notifications.queue(shipment.order, notifications.SHIPMENT_SHIPPED, shipment=shipment)
    return shipment


def shipment_cancel(*, shipment, reason: str, by=None):
    return shipment_advance(shipment=shipment, to=S.CANCELLED, reason=reason, by=by)
