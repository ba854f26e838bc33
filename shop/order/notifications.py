"""The shopper's emails about an order (text and HTML), through Oscar's communication
app: placed, paid, a shipment shipped, a shipment delivered. Each is written in the
language the shopper ordered in (Vietnamese unless they shopped under /en/)."""

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class

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


def send(order, code: str, **context) -> None:
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
        dispatcher = OrderDispatcher(logger=logger)
        messages = dispatcher.dispatcher.get_messages(code, ctx)
        dispatcher.dispatch_order_messages(order, messages, code, attachments=attachments or None)


def on_commit_send(order, code: str, **context) -> None:
    """Emails leave only if the change that caused them is committed. A mail server that
    is down is logged, never shown to the shopper as an error: the order (or shipment) is
    committed by then, and a 500 would make them think it failed and order again."""
    transaction.on_commit(lambda: send(order, code, **context), robust=True)
