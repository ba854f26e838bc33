"""The mail server down when an order is placed: the shopper still gets the thank-you page
(the order is committed; a 500 there made shoppers think it failed), the e-mail waits in the
outbox, and once the mail server is back the retry sends it exactly once. Real SMTP: a port
nobody listens on, then an SMTP server started on it."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model

from outbox.models import OutgoingEmail
from tests.checkout import client_to_preview, rate_table
from tests.mailserver import MailServer, free_port

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


@pytest.fixture
def smtp_port(settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    return port


def test_order_placed_while_smtp_is_down_is_emailed_once_it_is_back(
    client, smtp_port, make_product, django_capture_on_commit_callbacks, caplog
):
    rate_table()
    product = make_product()
    fingerprint = client_to_preview(client, product, email="khach@example.vn")
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/checkout/preview/", {"action": "place_order", "fingerprint": fingerprint}
        )
    assert response.status_code == 302
    assert "/checkout/thank-you/" in response["Location"]
    assert client.get(response["Location"]).status_code == 200
    order = Order.objects.get(guest_email="khach@example.vn")
    assert "Connection refused" in caplog.text or "ConnectionRefusedError" in caplog.text
    email = OutgoingEmail.objects.get(key__startswith=f"order {order.number} ORDER_PLACED ")
    assert email.status == OutgoingEmail.Status.PENDING
    assert email.attempts == 1
    assert email.next_attempt_at > timezone.now()  # not before its backoff

    with MailServer(smtp_port) as server:
        call_command("send_pending_emails")  # not due yet: nothing leaves
        assert server.messages == []
        with time_machine.travel(timezone.now() + timedelta(minutes=2)):
            call_command("send_pending_emails")
            assert len(server.to("khach@example.vn")) == 1
            call_command("send_pending_emails")
        with time_machine.travel(timezone.now() + timedelta(days=1)):
            call_command("send_pending_emails")

    received = server.to("khach@example.vn")
    assert len(received) == 1  # not lost, not sent twice
    assert order.number in received[0]["Subject"]
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert email.attempts == 2
    assert email.message == {}  # the address and the order's details are not kept


def test_placing_an_order_with_the_mail_server_up_sends_its_email_at_once(
    client, smtp_port, make_product, django_capture_on_commit_callbacks
):
    rate_table()
    product = make_product()
    fingerprint = client_to_preview(client, product, email="khach@example.vn")
    with MailServer(smtp_port) as server, django_capture_on_commit_callbacks(execute=True):
        client.post("/checkout/preview/", {"action": "place_order", "fingerprint": fingerprint})
    assert len(server.to("khach@example.vn")) == 1
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT
