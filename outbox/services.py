"""The outbox: e-mails are queued in the transaction that decided them and delivered after
it commits, by the task worker (`outbox.tasks`), retried with a growing wait while the mail
server refuses them (`manage.py send_pending_emails` picks up what is due).

Guarantees: an e-mail is queued only if its transaction commits (a rolled-back order
e-mails nobody); a key is queued once (an event's e-mail cannot be queued twice); a row is
sent by one worker at a time (row lock, others skip it) and marked sent in the same
transaction. The one case left is the mail server accepting an e-mail and the database
failing before the mark commits: that e-mail is sent again, with the same Message-ID.
"""

import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from outbox import messages
from outbox.models import OutgoingEmail

logger = logging.getLogger("outbox")

# Failures that say the mail server is down, not that it refused this one e-mail: the
# round stops there, instead of waiting out each e-mail's timeout in turn.
SERVER_DOWN = (ConnectionError, TimeoutError, smtplib.SMTPServerDisconnected)
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)


def email_queue(*, key: str, message: EmailMessage) -> OutgoingEmail | None:
    """Records the e-mail in the current transaction and has it delivered once that
    commits. Returns None when an e-mail with this key was queued already."""
    email, created = OutgoingEmail.objects.get_or_create(
        key=key, defaults={"message": messages.to_json(message)}
    )
    if not created:
        logger.info("e-mail %s was queued already", key)
        return None
    from outbox.tasks import deliver_emails

    # A queue that is down costs an e-mail sent by the next `send_pending_emails`, not the
    # order: the row is committed either way.
    transaction.on_commit(partial(deliver_emails.enqueue, ids=[email.pk]), robust=True)
    return email


class QueueingConnection:
    """What Django's mail and Oscar's Dispatcher (its `mail_connection`) send through:
    each message goes to the outbox under the key `key_for(message)` names."""

    def __init__(self, key_for: Callable[[EmailMessage], str]):
        self.key_for = key_for

    def send_messages(self, email_messages: Iterable[EmailMessage]) -> int:
        return sum(
            email_queue(key=self.key_for(message), message=message) is not None
            for message in email_messages
        )


def retry_wait(attempts: int) -> timedelta:
    """1, 2, 4, 8… minutes after each failed attempt, at most an hour: a mail server back
    after a short outage is used soon, one down all night is not hammered."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


@dataclass
class Delivery:
    sent: list[int]
    failed: list[OutgoingEmail]


def emails_deliver(
    *, ids: Iterable[int] | None = None, limit: int = 200, due_only: bool = True
) -> Delivery:
    """Sends the pending e-mails that are due (those of `ids`, or any; with `due_only`
    False, also those still waiting for their next attempt), each in its own transaction
    under a row lock: a row another worker is sending is skipped, not waited for. A refused
    e-mail stays pending, its next attempt later (retry_wait); a mail server that is down
    ends the round (what was not tried stays due)."""
    due = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING)
    if due_only:
        due = due.filter(next_attempt_at__lte=timezone.now())
    if ids is not None:
        due = due.filter(pk__in=list(ids))
    delivery = Delivery(sent=[], failed=[])
    candidates = list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    connection = get_connection()
    try:
        for pk in candidates:
            with transaction.atomic():
                email = (
                    OutgoingEmail.objects.select_for_update(skip_locked=True)
                    .filter(pk=pk, status=OutgoingEmail.Status.PENDING)
                    .first()
                )
                if email is None:  # another worker has it, or sent it meanwhile
                    continue
                error = _send(email, connection)
                if error is None:
                    delivery.sent.append(email.pk)
                    continue
                delivery.failed.append(email)
            if isinstance(error, SERVER_DOWN):
                break
    finally:
        connection.close()
    return delivery


def _send(email: OutgoingEmail, connection) -> Exception | None:
    email.attempts += 1
    now = timezone.now()
    try:
        connection.send_messages([messages.from_json(email.message, key=email.key)])
    except Exception as error:  # any refusal of the mail server: retried later
        # A broken connection is not reused for the next e-mail.
        connection.close()
        email.next_attempt_at = now + retry_wait(email.attempts)
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        email.save(update_fields=["attempts", "next_attempt_at", "last_error"])
        logger.error(
            "e-mail %s not sent (attempt %s, next at %s): %s",
            email.key,
            email.attempts,
            email.next_attempt_at.isoformat(timespec="seconds"),
            email.last_error,
        )
        return error
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = now
    email.message = {}
    email.last_error = ""
    email.save(update_fields=["status", "sent_at", "message", "attempts", "last_error"])
    return None
