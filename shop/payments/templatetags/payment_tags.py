from django import template

from shop.payments import vietqr
from shop.payments.models import Payment

register = template.Library()


@register.inclusion_tag("shop/partials/payment_panel.html")
def payment_panel(order):
    """How the order is (to be) paid; for a transfer still awaited, the VietQR code and
    the same details as text."""
    payment = Payment.objects.filter(order=order).first()
    context = {"order": order, "payment": payment}
    if (
        payment
        and payment.method == Payment.Method.VIETQR
        and payment.status == Payment.Status.AWAITING
    ):
        payload = vietqr.payload_for(payment)
        context.update(
            vietqr_payload=payload,
            vietqr_image=vietqr.qr_data_uri(payload),
            bank=vietqr.bank_details(),
        )
    return context


@register.inclusion_tag("shop/partials/shipments.html")
def shipments_panel(order):
    shipments = order.shipments.select_related("producer", "producer__province").prefetch_related(
        "lines", "events"
    )
    return {"order": order, "shipments": shipments}
