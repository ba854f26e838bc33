"""Card payments through Stripe, in the shop's words. The order is placed first (stock
allocated, "awaiting payment"); its pay page creates one PaymentIntent per attempt, with
its own idempotency key, and shows Stripe's Payment Element. The order becomes paid only
when Stripe's signed `payment_intent.succeeded` webhook says so (webhooks.py), never
because the browser came back."""

import datetime
import logging
import uuid

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy

import stripe
from shop.payments.base import PaymentMethod
from shop.payments.models import Payment, StripeAttempt
from shop.payments.stripe import gateway

logger = logging.getLogger("shop.payments")
REUSABLE = {"requires_payment_method", "requires_confirmation", "requires_action", "processing"}


class StripeCard(PaymentMethod):
    code = "stripe"
    name = gettext_lazy("Card (Visa, Mastercard, JCB)")
    description = gettext_lazy("Pay securely by card on the next page, through Stripe.")

    def is_configured(self) -> bool:
        return bool(
            settings.STRIPE_SECRET_KEY
            and settings.STRIPE_PUBLISHABLE_KEY
            and settings.STRIPE_WEBHOOK_SECRET
        )

    def expires_at(self, *, placed_at):
        return placed_at + datetime.timedelta(minutes=settings.STRIPE_EXPIRY_MINUTES)

    def next_url(self, *, order) -> str:
        return reverse("checkout:card-payment", kwargs={"number": order.number})


def open_attempt(*, payment: Payment) -> StripeAttempt:
    """The attempt the pay page shows: the latest one while its intent can still be paid,
    otherwise a new intent under a new idempotency key."""
    attempt = payment.stripe_attempts.first()
    if attempt is not None:
        intent = gateway.retrieve_intent(attempt.intent_id)
        if intent.status in REUSABLE:
            return attempt
    key = f"ocop-{payment.reference}-{uuid.uuid4().hex}"
    intent = gateway.create_intent(
        amount=payment.amount,
        reference=payment.reference,
        order_number=payment.order.number,
        idempotency_key=key,
    )
    return StripeAttempt.objects.create(
        payment=payment,
        idempotency_key=key,
        intent_id=intent.id,
        client_secret=intent.client_secret,
        status=intent.status,
    )


def cancel_open_intents(*, payment: Payment) -> bool:
    """Before an unpaid card order expires: cancel its intents at Stripe. False if one
    has succeeded (or cannot be cancelled): then the webhook, not expiry, decides."""
    for attempt in payment.stripe_attempts.all():
        try:
            intent = gateway.retrieve_intent(attempt.intent_id)
            if intent.status == "succeeded":
                return False
            if intent.status != "canceled":
                gateway.cancel_intent(attempt.intent_id)
        except stripe.StripeError:
            logger.exception("Could not cancel %s; order %s not expired", attempt, payment.order)
            return False
    return True


def new_idempotency_key(prefix: str) -> str:
    return f"ocop-{prefix}-{uuid.uuid4().hex}"
