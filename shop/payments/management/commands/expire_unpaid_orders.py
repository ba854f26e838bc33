"""Run every few minutes (cron): unpaid transfers and card payments past their time
expire, and their stock goes back on sale. Safe to run more than once."""

from django.core.management.base import BaseCommand

from shop.payments.services import expire_due_payments


class Command(BaseCommand):
    help = "Expire unpaid VietQR and card orders past their time and release their stock."

    def handle(self, *args, **options):
        expired = expire_due_payments()
        self.stdout.write(f"{expired} unpaid order(s) expired.")
