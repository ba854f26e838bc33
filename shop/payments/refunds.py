"""Refunds, whole or per line, from the dashboard. Card payments are refunded through
Stripe (one idempotency key per refund); transfers and cash are refunded by staff from
the bank, and recorded here. Lines not yet shipped give their stock back; lines already
credited to a producer are debited from its ledger."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.partner import stock
from shop.payments import ledger
from shop.payments.models import Payment, Refund, RefundLine
from shop.payments.stripe import facade, gateway

Line = get_model("order", "Line")


def refund_create(*, payment: Payment, quantities: dict[int, int], reason: str, by) -> Refund:
    """Refunds `quantities` (order line id → units); an empty dict refunds everything left
    (lines and shipping charges of shipments that have not left). Raises ValidationError
    with the reason when it cannot."""
    if not reason.strip():
        raise ValidationError(_("Give a reason for the refund."))
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        lines = {
            line.pk: line
            # Lock the lines only (their shipment may be null: no outer join under FOR UPDATE).
            for line in Line.objects.select_for_update(of=("self",))
            .filter(order=payment.order)
            .select_related("shipment")
        }
        whole = not quantities
        if whole:
            quantities = {
                pk: line.quantity_kept for pk, line in lines.items() if line.quantity_kept
            }
        amount = 0
        for pk, quantity in quantities.items():
            line = lines.get(pk)
            if line is None or quantity < 0 or quantity > line.quantity_kept:
                raise ValidationError(_("That quantity cannot be refunded."))
            amount += line.unit_price * quantity
        if whole:
            amount += sum(
                s.charge
                for s in payment.order.shipments.all()
                if not s.has_left and s.status != s.Status.CANCELLED
            )
        refundable = payment.amount_received - payment.amount_refunded
        amount = min(amount, refundable)
        if amount <= 0:
            raise ValidationError(_("Nothing paid is left to refund."))

        refund = Refund.objects.create(
            payment=payment, amount=amount, reason=reason.strip(), created_by=by
        )
        for pk, quantity in quantities.items():
            if not quantity:
                continue
            line = lines[pk]
            refund_line = RefundLine.objects.create(
                refund=refund, line=line, quantity=quantity, amount=line.unit_price * quantity
            )
            if line.shipment and not line.shipment.has_left:
                stock.release([(line, quantity)])
            ledger.debit_refund_line(refund_line=refund_line, by=by)
            line.refunded_quantity += quantity
            line.save(update_fields=["refunded_quantity"])
        payment.amount_refunded += amount
        if payment.amount_refunded >= payment.amount_received:
            payment.status = Payment.Status.REFUNDED
        payment.save()
        if payment.method == Payment.Method.STRIPE:
            attempt = (
                payment.stripe_attempts.filter(status="succeeded").first()
                or payment.stripe_attempts.first()
            )
            result = gateway.refund(
                intent_id=attempt.intent_id,
                amount=amount,
                idempotency_key=facade.new_idempotency_key(f"refund-{refund.pk}"),
            )
            refund.provider_reference = result.id
            refund.save(update_fields=["provider_reference"])
    return refund
