"""The outbox (outbox/services.py): an e-mail is queued once per key, only if its
transaction commits, and sent once, also by workers racing for it. Real SMTP in the
process (tests/mailserver.py)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.management import call_command
from django.db import connection, connections, transaction

from outbox import messages, services
from outbox.models import OutgoingEmail
from tests.mailserver import MailServer, free_port


@pytest.fixture
def smtp_port(settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    return port


def letter(to="nong.dan@example.vn", subject="Đơn hàng 100001 đã nhận"):
    return EmailMessage(subject=subject, body="Cảm ơn bạn đã đặt hàng.", to=[to])


@pytest.mark.django_db
def test_a_key_is_queued_once_and_sent_once(smtp_port, django_capture_on_commit_callbacks):
    with MailServer(smtp_port) as server, django_capture_on_commit_callbacks(execute=True):
        first = services.email_queue(key="order 100001 ORDER_PLACED x", message=letter())
        again = services.email_queue(key="order 100001 ORDER_PLACED x", message=letter())
    assert first is not None and again is None
    assert len(server.messages) == 1
    assert server.messages[0]["Subject"] == "Đơn hàng 100001 đã nhận"
    assert server.messages[0]["Message-ID"] == messages.message_id("order 100001 ORDER_PLACED x")


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_event_emails_nobody(smtp_port):
    with MailServer(smtp_port) as server:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.email_queue(key="order 100002 ORDER_PLACED x", message=letter())
            raise RuntimeError("the order failed")
    assert server.messages == []
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db
def test_a_mail_server_that_is_down_is_not_hammered_and_all_leave_once_it_is_back(smtp_port):
    for n in range(3):
        services.email_queue(key=f"order {100200 + n} ORDER_PLACED x", message=letter())
    call_command("send_pending_emails")  # the first refusal ends the round
    assert sorted(OutgoingEmail.objects.values_list("attempts", flat=True)) == [0, 0, 1]
    call_command("send_pending_emails")
    assert sorted(OutgoingEmail.objects.values_list("attempts", flat=True)) == [0, 1, 1]
    with MailServer(smtp_port) as server:
        call_command("send_pending_emails", "--all")  # back: no waiting for each one's turn
    assert len(server.messages) == 3
    assert not OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).exists()


def test_the_wait_between_attempts_grows_to_an_hour():
    waits = [services.retry_wait(attempt) for attempt in range(1, 10)]
    assert [wait.total_seconds() / 60 for wait in waits] == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_the_html_part_and_attachments_come_back_as_they_were_given():
    message = EmailMultiAlternatives(subject="Mã QR", body="Chuyển khoản", to=["a@example.vn"])
    message.attach_alternative("<p>Chuyển khoản</p>", "text/html")
    png = b"\x89PNG\r\n\x1a\n\x00"
    message.attach("vietqr-100001.png", png, "image/png")
    rebuilt = messages.from_json(messages.to_json(message), key="k")
    assert (rebuilt.subject, rebuilt.body, rebuilt.to) == (
        "Mã QR",
        "Chuyển khoản",
        ["a@example.vn"],
    )
    assert list(rebuilt.alternatives[0]) == ["<p>Chuyển khoản</p>", "text/html"]
    assert list(rebuilt.attachments[0]) == [
        "vietqr-100001.png",
        b"\x89PNG\r\n\x1a\n\x00",
        "image/png",
    ]


WORKERS, EMAILS = 4, 24


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_workers_racing_for_the_same_emails_send_each_once(smtp_port):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks skipped by the other workers); CI runs it")
    for n in range(EMAILS):
        OutgoingEmail.objects.create(
            key=f"order {100100 + n} ORDER_PLACED x",
            message=messages.to_json(letter(to=f"khach{n}@example.vn")),
        )
    connections.close_all()  # each worker opens its own connection
    start = threading.Barrier(WORKERS)

    def worker(_):
        try:
            start.wait()
            return services.emails_deliver().sent
        finally:
            connection.close()

    with MailServer(smtp_port) as server, ThreadPoolExecutor(max_workers=WORKERS) as pool:
        sent_by_worker = list(pool.map(worker, range(WORKERS)))

    sent = [pk for pks in sent_by_worker for pk in pks]
    assert sorted(sent) == sorted(OutgoingEmail.objects.values_list("pk", flat=True))
    assert len(server.messages) == EMAILS
    assert len({message["Message-ID"] for message in server.messages}) == EMAILS
    assert not OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.SENT).exists()
