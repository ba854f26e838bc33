"""Every change of a payment's state, in one place. Each function locks the payment row
first, so two webhooks, two staff members or a webhook and the expiry job cannot both
act on the same payment: the second finds the work done and changes nothing."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.order import notifications
from shop.order.models import OrderStatus
from shop.payments import ledger
from shop.payments.base import PaymentMethod
from shop.payments.models import Payment

logger = logging.getLogger("shop.payments")
Shipment = get_model("order", "Shipment")


def set_order_status(order, status: str) -> None:
    """Moves the order along OSCAR_ORDER_STATUS_PIPELINE; an impossible move is skipped."""
    if status != order.status and status in order.available_statuses():
        order.set_status(status)


def payment_reference(order) -> str:
    """What the shopper writes in a transfer message: letters and digits only, because
    banks drop the rest."""
    return f"OCOP{order.number}"


def payment_open(*, order, method: PaymentMethod) -> Payment:
    return Payment.objects.create(
        order=order,
        method=method.code,
        status=method.initial_payment_status,
        amount=int(order.total_incl_tax),
        reference=payment_reference(order),
        expires_at=method.expires_at(placed_at=order.date_placed),
    )


def _locked(payment) -> Payment:
    return Payment.objects.select_for_update().select_related("order").get(pk=payment.pk)


def payment_receive(*, payment, amount: int, source: str) -> Payment:
    """Money arrived for this payment (a transfer, a card charge, a courier's cash).
    The payment becomes paid once the amount due is in, exactly once: the order moves to
    paid, delivered shipments are credited to their producers, the shopper is emailed."""
    payment = _locked(payment)
    if payment.is_paid:
        return payment
    if payment.status in (Payment.Status.EXPIRED, Payment.Status.CANCELLED):
        # Its stock is gone: staff refund the sender (docs/PAYMENTS.md), nothing ships.
        payment.amount_received += amount
        payment.save()
        logger.error("Money for %s arrived after it %s", payment, payment.status)
        return payment
    payment.amount_received += amount
    if payment.amount_received >= payment.amount:
        payment.status = Payment.Status.PAID
        payment.paid_at = timezone.now()
        payment.save()
        order = payment.order
        set_order_status(order, OrderStatus.PAID)
        for shipment in order.shipments.all():
            ledger.credit_shipment(shipment=shipment)
        order_complete_if_done(order)
        logger.info("Order %s paid by %s (%s VND)", order.number, source, payment.amount_received)
        notifications.queue(order, notifications.PAYMENT_RECEIVED)
    else:
        payment.save()
    return payment


def payment_expire(*, payment) -> bool:
    """An unpaid transfer or card payment ran out of time: the order expires, its
    shipments are cancelled and their stock released. False if it was paid meanwhile."""
    from shop.order.shipments import shipment_cancel

    payment = _locked(payment)
    if payment.status != Payment.Status.AWAITING:
        return False
    payment.status = Payment.Status.EXPIRED
    payment.save()
    for shipment in payment.order.shipments.select_for_update().order_by("pk"):
        if shipment.is_open:
            shipment_cancel(shipment=shipment, reason=_("Payment was not received in time."))
    set_order_status(payment.order, OrderStatus.EXPIRED)
    return True


def shipment_cancelled(*, shipment) -> None:
    """A shipment was cancelled before it left: cash on delivery no longer collects it;
    an order with nothing left to deliver is cancelled."""
    payment = _locked(shipment.order.payment)
    if payment.status == Payment.Status.ON_DELIVERY:
        payment.amount = max(payment.amount - shipment.total, 0)
        payment.save()
    order = payment.order
    if all(s.status == Shipment.Status.CANCELLED for s in order.shipments.all()):
        if payment.status in (Payment.Status.ON_DELIVERY, Payment.Status.AWAITING):
            payment.status = Payment.Status.CANCELLED
            payment.save()
        set_order_status(order, OrderStatus.CANCELLED)
    else:
        order_complete_if_done(order)


def cash_collected(*, shipment) -> None:
    """The courier handed over a COD shipment's cash: its producer can be credited, and
    the order is paid once every shipment's cash is in."""
    payment_receive(payment=shipment.order.payment, amount=shipment.cash_collected, source="cod")


def order_complete_if_done(order) -> None:
    shipments = list(order.shipments.all())
    done = all(not s.is_open for s in shipments) and any(
        s.status == Shipment.Status.DELIVERED for s in shipments
    )
    if done and order.payment.is_paid:
        set_order_status(order, OrderStatus.COMPLETE)


def expire_due_payments(*, now=None) -> int:
    """The expiry job (manage.py expire_unpaid_orders): every awaiting payment past its
    time. A card payment is expired only once Stripe confirms its intent is cancelled."""
    from shop.payments.stripe import facade

    now = now or timezone.now()
    expired = 0
    for payment in Payment.objects.filter(status=Payment.Status.AWAITING, expires_at__lt=now):
        with transaction.atomic():
            if payment.method == Payment.Method.STRIPE and not facade.cancel_open_intents(
                payment=payment
            ):
                continue
            expired += payment_expire(payment=payment)
    return expired
