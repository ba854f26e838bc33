"""Card payments with the real `stripe` library against localstripe, and the webhook
endpoint under every kind of delivery: signed, wrongly signed, unsigned, replayed, out of
order, for an intent we do not know. One payment is recorded, ever."""

import json
import logging

import pytest
from oscar.core.loading import get_model

from shop.payments import refunds
from shop.payments.models import LedgerEntry, Payment, StripeAttempt, WebhookEvent
from shop.payments.stripe import gateway
from tests.checkout import place_order
from tests.factories import make_ocop_product
from tests.stripe_server import WEBHOOK_SECRET, event, signed, start_localstripe

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
WEBHOOK = "/checkout/stripe/webhook/"


@pytest.fixture(scope="session")
def localstripe():
    process, url = start_localstripe()
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_on(settings, localstripe):
    settings.STRIPE_SECRET_KEY = "sk_test_ocop"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = localstripe


@pytest.fixture
def card_order(django_app, stripe_on, django_capture_on_commit_callbacks):
    """A guest's order awaiting a card payment, its pay page opened (intent created)."""
    honey = make_ocop_product(title="Mật ong rừng", price=250000, stock=3)
    with django_capture_on_commit_callbacks(execute=True):
        page = place_order(django_app, [honey], method="stripe")
    order = Order.objects.get()
    assert page.request.path == f"/checkout/pay/{order.number}/"
    return order, page


def pay_like_stripe_js(intent_id: str) -> dict:
    """What the Payment Element does in the browser: a card, attached, confirmed."""
    client = gateway.client()
    card = client.v1.payment_methods.create(
        params={
            "type": "card",
            "card": {"number": "4242424242424242", "exp_month": 12, "exp_year": 2030, "cvc": "123"},
        }
    )
    client.v1.payment_intents.update(intent_id, params={"payment_method": card.id})
    client.v1.payment_intents.confirm(intent_id)
    intent = gateway.retrieve_intent(intent_id)
    assert intent.status == "succeeded"
    return json.loads(json.dumps(intent.to_dict(), default=str))


def post_webhook(app, payload: bytes, signature: str | None, status: int):
    headers = {"Stripe-Signature": signature} if signature is not None else {}
    return app.post(
        WEBHOOK, payload, headers=headers, content_type="application/json", status=status
    )


def test_pay_page_creates_one_intent_in_vnd_zero_decimal(django_app, card_order):
    order, page = card_order
    attempt = StripeAttempt.objects.get()
    intent = gateway.retrieve_intent(attempt.intent_id)

    assert intent.currency == "vnd"
    assert intent.amount == int(order.total_incl_tax) == 250000 + 38000  # Nghệ An → Hà Nội
    assert intent.metadata["order_number"] == order.number
    assert attempt.idempotency_key.startswith("ocop-OCOP")
    assert page.html.select_one("#card-form")["data-client-secret"] == attempt.client_secret
    assert page.html.find("script", src="https://js.stripe.com/v3/") is not None
    # Coming back to the page reuses the open intent: no second PaymentIntent.
    django_app.get(f"/checkout/pay/{order.number}/")
    assert StripeAttempt.objects.count() == 1
    # Returning from Stripe shows the order, still unpaid: only the webhook pays.
    page = django_app.get("/checkout/thank-you/")
    assert Payment.objects.get().status == "awaiting"
    assert "Stripe" in page.html.select_one(".payment-panel").text


def test_webhooks_pay_once_whatever_arrives(django_app, card_order, caplog):
    order, _page = card_order
    attempt = StripeAttempt.objects.get()
    intent = pay_like_stripe_js(attempt.intent_id)
    succeeded = event("evt_succeeded_1", "payment_intent.succeeded", intent)

    # Unsigned and wrongly signed: refused, nothing recorded.
    post_webhook(django_app, succeeded, None, 400)
    post_webhook(django_app, succeeded, signed(succeeded, secret="whsec_someone_else"), 400)
    post_webhook(django_app, succeeded + b" ", signed(succeeded), 400)  # body changed after signing
    assert WebhookEvent.objects.count() == 0
    assert Payment.objects.get().status == "awaiting"

    # Out of order: a failure from before the success arrives first, changes nothing.
    failed_earlier = event(
        "evt_failed_0",
        "payment_intent.payment_failed",
        {**intent, "status": "requires_payment_method"},
    )
    post_webhook(django_app, failed_earlier, signed(failed_earlier), 200)
    assert Payment.objects.get().status == "awaiting"

    # Signed: paid. Replayed ten times: nothing more.
    for _ in range(11):
        post_webhook(django_app, succeeded, signed(succeeded), 200)
    # Stripe may send the same news as another event: still one payment.
    again = event("evt_succeeded_2", "payment_intent.succeeded", intent)
    post_webhook(django_app, again, signed(again), 200)
    # A late cancellation notice does not undo it.
    late = event("evt_canceled_3", "payment_intent.canceled", {**intent, "status": "canceled"})
    post_webhook(django_app, late, signed(late), 200)

    payment = Payment.objects.get()
    assert payment.status == "paid"
    assert payment.amount_received == payment.amount == int(order.total_incl_tax)
    assert WebhookEvent.objects.filter(type="payment_intent.succeeded").count() == 2
    assert WebhookEvent.objects.get(event_id="evt_succeeded_1").outcome == "paid"
    assert Order.objects.get().status == "paid"

    # An intent we never created: logged, answered 200 so Stripe stops retrying.
    stranger = event("evt_unknown", "payment_intent.succeeded", {**intent, "id": "pi_not_ours"})
    with caplog.at_level(logging.WARNING, logger="shop.payments"):
        post_webhook(django_app, stranger, signed(stranger), 200)
    assert "unknown payment intent pi_not_ours" in caplog.text
    assert Payment.objects.get().amount_received == payment.amount


def test_amount_tampered_intent_is_not_applied(django_app, card_order):
    attempt = StripeAttempt.objects.get()
    intent = pay_like_stripe_js(attempt.intent_id)
    cheaper = event(
        "evt_cheap", "payment_intent.succeeded", {**intent, "amount": 1000, "amount_received": 1000}
    )

    post_webhook(django_app, cheaper, signed(cheaper), 200)

    assert Payment.objects.get().status == "awaiting"
    assert WebhookEvent.objects.get().outcome == "amount mismatch"


def test_refund_per_line_then_the_rest_through_stripe(django_app, card_order, admin_user):
    order, _page = card_order
    intent = pay_like_stripe_js(StripeAttempt.objects.get().intent_id)
    paid = event("evt_paid", "payment_intent.succeeded", intent)
    post_webhook(django_app, paid, signed(paid), 200)
    line = order.lines.get()

    refund = refunds.refund_create(
        payment=Payment.objects.get(), quantities={line.pk: 1}, reason="Hũ vỡ", by=admin_user
    )

    stripe_refunds = gateway.client().v1.refunds.list(params={"payment_intent": intent["id"]})
    assert [r.amount for r in stripe_refunds.data] == [250000]
    assert refund.provider_reference == stripe_refunds.data[0].id
    record = StockRecord.objects.get(product=line.product)
    assert record.num_allocated == 0  # not shipped yet: its stock is back
    assert not LedgerEntry.objects.exists()  # never credited, so nothing to debit

    # The rest (the parcel's shipping) from the dashboard's refund page.
    django_app.set_user(admin_user)
    form = django_app.get(f"/dashboard/shop/orders/{order.number}/refund/").forms["refund_form"]
    form["everything"] = True
    form["reason"] = "Khách hủy đơn"
    form.submit().follow()
    payment = Payment.objects.get()
    assert payment.status == "refunded"
    assert payment.amount_refunded == payment.amount_received == 288000
