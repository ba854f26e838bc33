from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.validators import validate_certificate_scan


def number_key(number: str) -> str:
    """How a typed number is matched: case and spacing ignored, Vietnamese letters included
    ("2150/qđ-ubnd" finds "2150/QĐ-UBND"; SQLite's own case folding is ASCII-only)."""
    return " ".join(number.split()).casefold()


class CertificateQuerySet(models.QuerySet):
    def decided(self):
        """Certificates the province has accepted (valid now or in the past); pending and
        rejected uploads are the producer's and the officer's business only."""
        return self.filter(status__in=Certificate.DECIDED)

    def in_force(self, *, on):
        """Valid on that day, at any star level (the listing rule adds the star floor)."""
        return self.filter(status=Certificate.Status.VALID, valid_from__lte=on, valid_until__gte=on)


class Certificate(models.Model):
    """An OCOP recognition decision (quyết định công nhận) for one product.

    A product's stars are always read from here, never typed by its seller. Re-rating
    creates a new certificate and supersedes the old one, so history is kept.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province (UBND tỉnh)")
        CENTRAL = "central", _("Central (national council)")

    class Status(models.TextChoices):
        # Uploaded by its producer, not yet checked by the province: never lists.
        PENDING = "pending", _("Awaiting verification")
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Superseded by a re-rating")
        # The province found the upload wrong (not a real decision, wrong product…).
        REJECTED = "rejected", _("Rejected by the province")

    # What a shopper or the public check may see: a decision the province has accepted.
    DECIDED = (Status.VALID, Status.EXPIRED, Status.REVOKED, Status.SUPERSEDED)

    class CriteriaVersion(models.TextChoices):
        D1048 = "1048", _("Decision 1048/QĐ-TTg (2019)")
        D148 = "148", _("Decision 148/QĐ-TTg (2023)")

    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("product"),
    )
    product_group = models.ForeignKey(
        "catalogue.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rated in product group"),
    )
    stars = models.PositiveSmallIntegerField(_("stars"))
    score = models.PositiveSmallIntegerField(_("score /100"))
    criteria_version = models.CharField(
        _("criteria version"), max_length=4, choices=CriteriaVersion.choices
    )
    criteria_set = models.CharField(
        _("criteria set"), max_length=40, blank=True, help_text=_("e.g. “Bộ 3”")
    )
    level = models.CharField(_("issuing level"), max_length=10, choices=Level.choices)
    issuing_body = models.CharField(_("issuing body"), max_length=255)
    decision_number = models.CharField(_("decision number"), max_length=64)
    decision_date = models.DateField(_("decision date"))
    number = models.CharField(
        _("certificate number"),
        max_length=64,
        blank=True,
        help_text=_("As printed on the certificate, if it has its own number."),
    )
    # Derived from the two numbers above so a look-up can be exact and indexed.
    decision_key = models.CharField(max_length=64, editable=False, db_index=True, default="")
    number_key = models.CharField(max_length=64, editable=False, db_index=True, default="")
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    status_reason = models.CharField(_("reason for status"), max_length=255, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    scan = models.FileField(
        _("scan of the decision"),
        upload_to="certificates/%Y/",
        blank=True,
        validators=[validate_certificate_scan],
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who at the province accepted or refused an upload, and when.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-decision_date", "-pk"]
        verbose_name = _("OCOP certificate")
        verbose_name_plural = _("OCOP certificates")
        permissions = [("verify_certificate", _("Can verify OCOP certificates"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="catalog_cert_stars_1_to_5"
            ),
            models.CheckConstraint(
                condition=models.Q(score__lte=100), name="catalog_cert_score_at_most_100"
            ),
            models.CheckConstraint(
                condition=~models.Q(stars=5) | models.Q(level="central"),
                name="catalog_cert_5_stars_only_central",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gt=models.F("valid_from")),
                name="catalog_cert_valid_until_after_from",
            ),
            models.UniqueConstraint(
                fields=["product"],
                condition=models.Q(status="valid"),
                name="catalog_cert_one_valid_per_product",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(status_reason=""),
                name="catalog_cert_rejected_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.decision_number} – {self.stars}★ {self.product}"

    def save(self, *args, **kwargs):
        self.decision_key = number_key(self.decision_number)
        self.number_key = number_key(self.number)
        super().save(*args, **kwargs)

    def is_in_force(self, *, on) -> bool:
        return self.status == self.Status.VALID and self.valid_from <= on <= self.valid_until

    def status_on(self, *, on) -> str:
        """The status a shopper should read today: a valid certificate past its end date
        is expired even before the nightly job has marked it."""
        if self.status == self.Status.VALID and on > self.valid_until:
            return self.Status.EXPIRED
        return self.status


class CertificateReminder(models.Model):
    """One expiry warning sent to a producer; its existence makes the job idempotent."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before"], name="catalog_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.certificate} – {self.days_before}"


class QualityCertification(models.Model):
    """A standard or mark held by a producer or one product (VietGAP, organic, HACCP,
    ISO 22000, geographical indication). Shown as a badge only once verified."""

    class Kind(models.TextChoices):
        VIETGAP = "vietgap", "VietGAP"
        ORGANIC = "organic", _("Organic")
        HACCP = "haccp", "HACCP"
        ISO22000 = "iso22000", "ISO 22000"
        GEOGRAPHICAL_INDICATION = "gi", _("Geographical indication")

    producer = models.ForeignKey(
        "catalog.Producer",
        on_delete=models.CASCADE,
        related_name="quality_certifications",
    )
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quality_certifications",
        help_text=_("Empty when it covers all of the producer's products."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("certificate number"), max_length=64, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    verified = models.BooleanField(_("verified by province staff"), default=False)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("quality certification")
        verbose_name_plural = _("quality certifications")

    def __str__(self):
        return self.get_kind_display()
