"""Emails between producers and their province office, in the shop's language. Queued in
the outbox with the decision: they leave once it commits (a rolled-back decision sends
nothing), and a mail server that is down delays them, the task worker retrying."""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from catalog.models import Producer, ProvinceOfficer
from outbox.services import email_queue


def absolute(name: str, **kwargs) -> str:
    """A link for an email: the shop's address (SITE_URL) and the default language's path."""
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs or None)


def producer_addresses(producer: Producer) -> list[str]:
    """The producer's own address and those of its members' accounts."""
    addresses = [producer.email] if producer.email else []
    for email in producer.partner.users.exclude(email="").values_list("email", flat=True):
        if email not in addresses:
            addresses.append(email)
    return addresses


def officer_addresses(province) -> list[str]:
    """The province's officers; platform staff when the province has none yet, so that no
    application waits unseen."""
    emails = list(
        ProvinceOfficer.objects.filter(province=province, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not emails:
        emails = list(
            get_user_model()
            ._default_manager.filter(is_staff=True, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    return emails


def send(*, to: list[str], template: str, context: dict) -> None:
    """Renders catalog/email/<template>_subject.txt and _body.txt and queues the e-mail.
    Each call is its own event (an application may be resubmitted, a certificate decided
    again), so its key is new each time."""
    if not to:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"catalog/email/{template}_subject.txt", context)
        body = render_to_string(f"catalog/email/{template}_body.txt", context)
    email_queue(
        key=f"catalog {template} {uuid.uuid4().hex}",
        message=EmailMessage(subject=" ".join(subject.split()), body=body, to=to),
    )
