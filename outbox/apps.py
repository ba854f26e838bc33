from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """E-mails leaving the shop: recorded in the transaction that decided them, delivered
    by the task worker, retried while the mail server is down, never sent twice. Used by
    `shop` and `catalog` alike, it imports neither."""

    name = "outbox"
    label = "outbox"
    verbose_name = _("Outgoing e-mails")
