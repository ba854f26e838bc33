"""Thin calls to Stripe's API through the official library, and nothing else. VND is a
zero-decimal currency: 150.000 ₫ is sent as amount=150000."""

from django.conf import settings

import stripe

CURRENCY = "vnd"


def client() -> stripe.StripeClient:
    options = {"max_network_retries": 2}
    if settings.STRIPE_API_BASE:  # tests: localstripe on a loopback port
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def create_intent(*, amount: int, reference: str, order_number: str, idempotency_key: str):
    return client().v1.payment_intents.create(
        params={
            "amount": int(amount),
            "currency": CURRENCY,
            "payment_method_types": ["card"],
            "metadata": {"order_number": order_number, "reference": reference},
        },
        options={"idempotency_key": idempotency_key},
    )


def retrieve_intent(intent_id: str):
    return client().v1.payment_intents.retrieve(intent_id)


def cancel_intent(intent_id: str):
    return client().v1.payment_intents.cancel(intent_id)


def refund(*, intent_id: str, amount: int, idempotency_key: str):
    return client().v1.refunds.create(
        params={"payment_intent": intent_id, "amount": int(amount)},
        options={"idempotency_key": idempotency_key},
    )


def construct_event(*, payload: bytes, signature: str):
    """The event, if `signature` is Stripe's for this payload under our webhook secret
    (raises stripe.SignatureVerificationError or ValueError otherwise)."""
    return stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
