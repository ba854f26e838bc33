"""Emails between producers and their province office, in the shop's language. Sent when
the transaction that decided them commits: a rolled-back decision sends nothing."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from catalog.models import Producer, ProvinceOfficer


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
    """Renders catalog/email/<template>_subject.txt and _body.txt and sends them on commit."""
    if not to:
        return

    def deliver():
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(f"catalog/email/{template}_subject.txt", context)
            body = render_to_string(f"catalog/email/{template}_body.txt", context)
        send_mail(
            subject=" ".join(subject.split()),
            message=body,
            from_email=None,
            recipient_list=to,
        )

    transaction.on_commit(deliver, robust=True)
