"""The shopper's emails about an order (text and HTML), through Oscar's communication
app: placed, paid, a shipment shipped, a shipment delivered. Each is written in the
language the shopper ordered in (Vietnamese unless they shopped under /en/), and queued in
the outbox in the transaction of the event (the task worker sends it, retrying while the
mail server is down; its key, order + event + recipient, keeps it from being queued twice)."""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class

from outbox.messages import recipient_digest
from outbox.services import QueueingConnection

OrderDispatcher = get_class("order.utils", "OrderDispatcher")
logger = logging.getLogger("shop.order")

ORDER_PLACED = "ORDER_PLACED"
PAYMENT_RECEIVED = "PAYMENT_RECEIVED"
SHIPMENT_SHIPPED = "SHIPMENT_SHIPPED"
SHIPMENT_DELIVERED = "SHIPMENT_DELIVERED"


def order_url(order) -> str:
    """The order's page: the account's for a signed-in shopper, else the guest page."""
    with translation.override(order.language):
        if order.user_id:
            path = reverse("customer:order", kwargs={"order_number": order.number})
        else:
            path = reverse(
                "customer:anon-order",
                kwargs={"order_number": order.number, "hash": order.verification_hash()},
            )
    return settings.SITE_URL.rstrip("/") + path


def email_key(order, code: str, recipient: str, shipment=None) -> str:
    """One e-mail per order, event and recipient (a shipment's events: per shipment)."""
    event = f"{code} shipment {shipment.pk}" if shipment is not None else code
    return f"order {order.number} {event} {recipient_digest(recipient)}"


def queue(order, code: str, **context) -> None:
    """Renders the e-mail now, from what this transaction sees, and queues it: it leaves
    only if the change that caused it commits, and a mail server that is down delays it
    without failing the order (or shipment) or showing the shopper an error."""
    from shop.payments import vietqr

    with translation.override(order.language):
        ctx = {
            "order": order,
            "lines": order.lines.all(),
            "shipments": order.shipments.prefetch_related("lines"),
            "payment": getattr(order, "payment", None),
            "order_url": order_url(order),
            "bank": vietqr.bank_details(),
            **context,
        }
        attachments = []
        payment = ctx["payment"]
        if code == ORDER_PLACED and payment and payment.method == "vietqr" and not payment.is_paid:
            ctx["vietqr_payload"] = vietqr.payload_for(payment)
            attachments.append(
                (f"vietqr-{order.number}.png", vietqr.qr_png(ctx["vietqr_payload"]), "image/png")
            )
        outbox = QueueingConnection(
            lambda message: email_key(order, code, message.to[0], context.get("shipment"))
        )
        dispatcher = OrderDispatcher(logger=logger, mail_connection=outbox)
        messages = dispatcher.dispatcher.get_messages(code, ctx)
        dispatcher.dispatch_order_messages(order, messages, code, attachments=attachments or None)
