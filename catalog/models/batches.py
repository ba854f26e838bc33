import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# No 0/O/1/I/L: a trace code is sometimes typed from a printed label.
TRACE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACE_CODE_LENGTH = 12  # 31**12 ≈ 7.9e17: not guessable by walking the space


def new_trace_code() -> str:
    return "".join(secrets.choice(TRACE_ALPHABET) for _ in range(TRACE_CODE_LENGTH))


class Batch(models.Model):
    """A production lot of a product, and the public record behind its QR stamp."""

    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.PROTECT,
        related_name="batches",
        verbose_name=_("product"),
    )
    lot_code = models.CharField(_("lot code"), max_length=64)
    produced_on = models.DateField(_("production or harvest date"))
    best_before = models.DateField(_("best before"), null=True, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=20, default="sp")
    origin_area = models.CharField(_("origin area"), max_length=255)
    growing_area_code = models.CharField(_("growing-area code"), max_length=64, blank=True)
    inputs = models.TextField(_("inputs"), blank=True, help_text=_("Raw materials and suppliers."))
    standards = models.CharField(
        _("standards applied"), max_length=255, blank=True, help_text=_("e.g. “TCCS 01:2023”")
    )
    certifications = models.ManyToManyField(
        "catalog.QualityCertification",
        blank=True,
        related_name="batches",
        verbose_name=_("certifications"),
    )
    trace_code = models.CharField(
        _("trace code"),
        max_length=TRACE_CODE_LENGTH,
        unique=True,
        default=new_trace_code,
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-produced_on", "-pk"]
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "lot_code"], name="catalog_batch_lot_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(best_before__isnull=True)
                | models.Q(best_before__gt=models.F("produced_on")),
                name="catalog_batch_best_before_after_production",
            ),
        ]

    def __str__(self):
        return f"{self.product} – {self.lot_code}"

    def get_absolute_url(self):
        return reverse("catalog:trace", kwargs={"code": self.trace_code})

    @property
    def shelf_life_days(self):
        if self.best_before:
            return (self.best_before - self.produced_on).days
        return None


class BatchStep(models.Model):
    """One production stage: what was done, where, and when."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    what = models.CharField(_("what"), max_length=255)
    where = models.CharField(_("where"), max_length=255)
    happened_on = models.DateField(_("when"))

    class Meta:
        ordering = ["position", "happened_on", "pk"]
        verbose_name = _("production step")
        verbose_name_plural = _("production steps")

    def __str__(self):
        return self.what
