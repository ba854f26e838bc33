"""Sends the outbox's pending e-mails that are due: run it from cron every minute or few
(docs/PRODUCTION.md), so e-mails refused while the mail server was down leave once it is
back, whatever became of their tasks."""

from django.core.management.base import BaseCommand

from outbox import services
from outbox.models import OutgoingEmail


class Command(BaseCommand):
    help = "Send the pending e-mails that are due (retries with a growing wait)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=200, help="e-mails per round")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="the mail server is back: send every pending e-mail now, without waiting",
        )

    def handle(self, *args, batch, everything, **options):
        sent = failed = 0
        while True:
            delivery = services.emails_deliver(limit=batch, due_only=not everything)
            sent += len(delivery.sent)
            failed += len(delivery.failed)
            # A round short of a full batch took all there was; what failed waits.
            if len(delivery.sent) < batch:
                break
        pending = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).count()
        self.stdout.write(f"sent {sent}, refused {failed}, pending {pending}")
