"""Daily job (cron, e.g. `15 0 * * * manage.py expire_certificates`): marks lapsed OCOP
certificates expired, which unlists and unindexes their products, and warns producers
60 and 30 days before expiry. Safe to run more than once a day."""

import datetime

from django.core.management.base import BaseCommand

from catalog.selectors import today as shop_today
from catalog.services.certificates import certificates_expire
from catalog.services.reminders import certificate_expiry_reminders_send


class Command(BaseCommand):
    help = "Expire lapsed OCOP certificates and warn producers before expiry."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Run as if today were this day (YYYY-MM-DD); for catching up.",
        )

    def handle(self, *args, date=None, **options):
        today = date or shop_today()
        lapsed = certificates_expire(on=today)
        for certificate in lapsed:
            self.stdout.write(f"Expired: {certificate}")
        reminders = certificate_expiry_reminders_send(on=today)
        self.stdout.write(
            self.style.SUCCESS(
                f"{today:%Y-%m-%d}: {len(lapsed)} certificate(s) expired, "
                f"{len(reminders)} reminder(s) sent."
            )
        )
