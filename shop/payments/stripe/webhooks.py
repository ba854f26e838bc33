"""Stripe's webhook endpoint: the only way a card payment becomes paid.

- No or a bad `Stripe-Signature`: 400, nothing read, nothing changed.
- An event id seen before (Stripe retries, replays): 200, nothing changed.
- Events may arrive in any order: `payment_intent.succeeded` pays the order once (the
  payment row is locked; a paid payment is never paid again), and a failure or
  cancellation arriving after it changes nothing.
- An intent we do not know (another shop on the same account, a deleted order): logged,
  answered 200 so Stripe stops retrying."""

import logging

from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

import stripe
from shop.payments import services
from shop.payments.models import StripeAttempt, WebhookEvent
from shop.payments.stripe import gateway

logger = logging.getLogger("shop.payments")

HANDLED = {
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.processing",
}


@csrf_exempt
@require_POST
def stripe_webhook(request):
    signature = request.headers.get("Stripe-Signature", "")
    if not signature:
        return HttpResponseBadRequest("missing signature")
    try:
        event = gateway.construct_event(payload=request.body, signature=signature).to_dict()
    except (ValueError, stripe.SignatureVerificationError):
        logger.warning("Stripe webhook refused: bad signature or payload")
        return HttpResponseBadRequest("bad signature")

    intent = event["data"]["object"] if event["type"] in HANDLED else None
    try:
        with transaction.atomic():
            record = WebhookEvent.objects.create(
                event_id=event["id"], type=event["type"], intent_id=intent["id"] if intent else ""
            )
    except IntegrityError:
        return HttpResponse("already processed")
    if intent is None:
        record.outcome = "ignored"
    else:
        record.outcome = handle_intent_event(event["type"], intent)
    record.save(update_fields=["outcome"])
    return HttpResponse(record.outcome)


def handle_intent_event(event_type: str, intent) -> str:
    attempt = StripeAttempt.objects.select_related("payment").filter(intent_id=intent["id"]).first()
    if attempt is None:
        logger.warning("Stripe event %s for an unknown payment intent %s", event_type, intent["id"])
        return "unknown intent"
    StripeAttempt.objects.filter(pk=attempt.pk).update(status=intent["status"])
    if event_type != "payment_intent.succeeded":
        return "noted"
    payment = attempt.payment
    amount = int(intent.get("amount_received") or intent["amount"])
    if intent["currency"] != gateway.CURRENCY or amount != payment.amount:
        logger.error(
            "Stripe intent %s paid %s %s for %s (due %s VND): not applied",
            intent["id"],
            amount,
            intent["currency"],
            payment,
            payment.amount,
        )
        return "amount mismatch"
    before = payment.status
    payment = services.payment_receive(payment=payment, amount=amount, source="stripe")
    return "paid" if payment.is_paid and before != payment.status else "no change"
