"""Stripe unreachable at checkout: the order is placed, not paid, the shopper reads that card
payments are unavailable (no error page), and once Stripe answers again the same pay page
works. Real `stripe` library: first pointed at a port nobody listens on, then localstripe."""

import pytest
from oscar.core.loading import get_model

from shop.payments.models import Payment, StripeAttempt
from tests.checkout import place_order
from tests.factories import make_ocop_product
from tests.integration.checkout.test_stripe import localstripe  # noqa: F401
from tests.stripe_server import WEBHOOK_SECRET

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


def test_card_checkout_while_stripe_is_down_then_back(
    django_app,
    settings,
    localstripe,  # noqa: F811  the session's localstripe server
    django_capture_on_commit_callbacks,
):
    settings.STRIPE_SECRET_KEY = "sk_test_ocop"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = "http://127.0.0.1:1"
    honey = make_ocop_product(title="Mật ong rừng", price=250000, stock=3)
    with django_capture_on_commit_callbacks(execute=True):
        page = place_order(django_app, [honey], method="stripe")
    order = Order.objects.get()
    assert page.status_int == 200
    assert "Hiện chưa thể thanh toán bằng thẻ. Vui lòng thử lại." in page.text
    assert order.payment.status == Payment.Status.AWAITING  # never marked paid
    assert not StripeAttempt.objects.exists()

    settings.STRIPE_API_BASE = localstripe
    retry = django_app.get(f"/checkout/pay/{order.number}/")
    assert retry.status_int == 200
    assert "card-form" in retry.text
    assert StripeAttempt.objects.filter(payment=order.payment).count() == 1
