"""Warnings to producers before their OCOP certificate lapses."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from catalog.models import Certificate, CertificateReminder
from catalog.selectors import producer_of


def certificate_expiry_reminders_send(*, on: datetime.date) -> list[CertificateReminder]:
    """Emails each producer once per threshold (60 and 30 days by default) before a valid
    certificate's last day. A day missed by the cron is caught up the next day; a second
    run on the same day sends nothing again."""
    sent = []
    # Nearest threshold first: a certificate found late gets one warning, not two.
    for days_before in sorted(settings.OCOP_CERTIFICATE_REMINDER_DAYS):
        due = (
            Certificate.objects.filter(
                status=Certificate.Status.VALID,
                valid_until__gte=on,
                valid_until__lte=on + datetime.timedelta(days=days_before),
            )
            .exclude(reminders__days_before__lte=days_before)
            .select_related("product")
        )
        for certificate in due:
            reminder = _send_once(certificate=certificate, days_before=days_before, on=on)
            if reminder is not None:
                sent.append(reminder)
    return sent


def _send_once(*, certificate, days_before, on):
    producer = producer_of(certificate.product)
    if producer is None or not producer.email:
        return None
    try:
        with transaction.atomic():
            reminder = CertificateReminder.objects.create(
                certificate=certificate, days_before=days_before
            )
            with translation.override(settings.LANGUAGE_CODE):
                context = {
                    "certificate": certificate,
                    "producer": producer,
                    "days_left": (certificate.valid_until - on).days,
                }
                send_mail(
                    subject=render_to_string(
                        "catalog/email/certificate_expiry_subject.txt", context
                    ).strip(),
                    message=render_to_string("catalog/email/certificate_expiry_body.txt", context),
                    from_email=None,
                    recipient_list=[producer.email],
                )
    except IntegrityError:  # another run sent it first
        return None
    return reminder
