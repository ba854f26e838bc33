from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """One e-mail to deliver. Its key names the event and the recipient, so the same e-mail
    is never queued twice; the row lock taken while it is handed to the mail server means
    two workers never send it both."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")

    key = models.CharField(_("key"), max_length=255, unique=True)
    # subject, body, sender, recipients, alternatives and attachments, as given to Django's
    # mail (outbox.messages); emptied once sent, so personal data is not kept longer.
    message = models.JSONField(_("message"), default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="outbox_pending_due",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            )
        ]

    def __str__(self):
        return self.key
