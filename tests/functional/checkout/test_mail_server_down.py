"""The mail server down when an order is placed: the shopper still gets the thank-you page
(the order is committed; a 500 there made shoppers think it failed), and the failure is
logged. Real SMTP, pointed at a port nobody listens on."""

import logging

import pytest
from oscar.core.loading import get_model

from tests.checkout import client_to_preview, rate_table

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


def test_order_placed_while_smtp_is_down(
    client, settings, make_product, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    rate_table()
    product = make_product()
    fingerprint = client_to_preview(client, product, email="khach@example.vn")
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/checkout/preview/", {"action": "place_order", "fingerprint": fingerprint}
        )
    assert response.status_code == 302
    assert "/checkout/thank-you/" in response["Location"]
    assert Order.objects.filter(guest_email="khach@example.vn").count() == 1
    assert "Connection refused" in caplog.text or "ConnectionRefusedError" in caplog.text
