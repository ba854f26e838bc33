"""Payments (one per order), what arrived for them (webhooks, bank statement lines),
refunds, and the producers' payout ledger. Amounts are integer VND everywhere."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Payment(models.Model):
    """The one payment of an order. Its state changes only in shop/payments/services.py."""

    class Method(models.TextChoices):
        COD = "cod", _("Cash on delivery")
        VIETQR = "vietqr", _("Bank transfer (VietQR)")
        STRIPE = "stripe", _("Card")

    class Status(models.TextChoices):
        ON_DELIVERY = "on-delivery", _("To be paid in cash on delivery")
        AWAITING = "awaiting", _("Awaiting payment")
        PAID = "paid", _("Paid")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")

    order = models.OneToOneField(
        "order.Order", on_delete=models.PROTECT, related_name="payment", verbose_name=_("order")
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    amount = models.PositiveIntegerField(_("amount due (VND)"))
    amount_received = models.PositiveIntegerField(_("received (VND)"), default=0)
    amount_refunded = models.PositiveIntegerField(_("refunded (VND)"), default=0)
    # What the shopper writes in the transfer message, and what staff search for.
    reference = models.CharField(_("payment reference"), max_length=25, unique=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="paid") | models.Q(paid_at__isnull=False),
                name="payments_paid_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_refunded__lte=models.F("amount_received")),
                name="payments_refund_within_received",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_paid(self) -> bool:
        return self.status in (self.Status.PAID, self.Status.REFUNDED)

    @property
    def amount_outstanding(self) -> int:
        return max(self.amount - self.amount_received, 0)


class StripeAttempt(models.Model):
    """One try at paying by card: one PaymentIntent, created with its own idempotency key
    so a retried request never creates a second intent."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="stripe_attempts")
    idempotency_key = models.CharField(max_length=64, unique=True)
    intent_id = models.CharField(max_length=255, unique=True)
    client_secret = models.CharField(max_length=255)
    status = models.CharField(max_length=40, default="requires_payment_method")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.intent_id


class WebhookEvent(models.Model):
    """Every Stripe event we accepted, once: a replay finds its id here and changes nothing."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    intent_id = models.CharField(max_length=255, blank=True)
    outcome = models.CharField(max_length=255, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class StatementImport(models.Model):
    """A bank statement CSV a staff member uploaded to reconcile transfers."""

    filename = models.CharField(_("file"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")

    def __str__(self):
        return self.filename


class BankTransfer(models.Model):
    """Money that arrived on the shop's account, from a statement line or typed by staff.
    `bank_reference` is the bank's own transaction id (or a fingerprint of the line), so
    the same line uploaded twice is recognised and never applied twice."""

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("Applied: order paid")
        PARTIAL = "partial", _("Partial: less than the amount due")
        OVERPAID = "overpaid", _("Applied, but more than the amount due")
        UNMATCHED = "unmatched", _("Unmatched: no order with this reference")
        ALREADY_PAID = "already-paid", _("The order was already paid: refund the sender")
        LATE = "late", _("The order had expired or was cancelled: refund the sender")

    statement = models.ForeignKey(
        StatementImport, on_delete=models.PROTECT, null=True, blank=True, related_name="transfers"
    )
    bank_reference = models.CharField(_("bank transaction"), max_length=128, unique=True)
    booked_on = models.DateField(_("date"))
    amount = models.PositiveIntegerField(_("amount (VND)"))
    description = models.CharField(_("transfer message"), max_length=500, blank=True)
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="transfers"
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("bank transfer")
        verbose_name_plural = _("bank transfers")

    def __str__(self):
        return f"{self.bank_reference}: {self.amount}"


class Refund(models.Model):
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.PositiveIntegerField(_("amount (VND)"))
    reason = models.CharField(_("reason"), max_length=255)
    provider_reference = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payments_refund_positive"
            )
        ]

    def __str__(self):
        return f"{self.payment}: -{self.amount}"


class RefundLine(models.Model):
    refund = models.ForeignKey(Refund, on_delete=models.PROTECT, related_name="lines")
    line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="refund_lines")
    quantity = models.PositiveIntegerField()
    amount = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.line} × {self.quantity}"


class LedgerEntry(models.Model):
    """One line of a producer's payout account. Append-only: entries are never changed or
    deleted; a mistake is corrected by another entry. `amount` is signed VND (credit > 0,
    debit < 0) and the balance is their sum."""

    class Kind(models.TextChoices):
        SALE = "sale", _("Sale (after commission)")
        SHIPPING = "shipping", _("Shipping charge")
        REFUND = "refund", _("Refund")
        PAYOUT = "payout", _("Paid out to the producer")

    producer = models.ForeignKey(
        "catalog.Producer", on_delete=models.PROTECT, related_name="ledger_entries"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.IntegerField(_("amount (VND)"))
    gross = models.IntegerField(_("gross (VND)"), default=0)
    commission = models.IntegerField(_("commission (VND)"), default=0)
    line = models.ForeignKey(
        "order.Line", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    shipment = models.ForeignKey(
        "order.Shipment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    refund_line = models.ForeignKey(
        RefundLine, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    memo = models.CharField(_("memo"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.CheckConstraint(condition=~models.Q(amount=0), name="payments_ledger_not_zero"),
            # A line is credited once, a shipment's charge once, a refunded line debited once.
            models.UniqueConstraint(
                fields=["line"], condition=models.Q(kind="sale"), name="payments_ledger_sale_once"
            ),
            models.UniqueConstraint(
                fields=["shipment"],
                condition=models.Q(kind="shipping"),
                name="payments_ledger_shipping_once",
            ),
            models.UniqueConstraint(
                fields=["refund_line"],
                condition=models.Q(kind="refund"),
                name="payments_ledger_refund_once",
            ),
        ]

    def __str__(self):
        return f"{self.producer_id} {self.kind} {self.amount}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Ledger entries are never changed; add a correcting entry."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Ledger entries are never deleted; add a correcting entry."))
