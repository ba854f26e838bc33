"""OCOP product groups are Oscar categories; this records which programme period's
taxonomy a group belongs to, so a rating keeps the group it was given."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductGroup(models.Model):
    class Period(models.TextChoices):
        P2018_2020 = "2018-2020", _("2018–2020 (Decision 490)")
        P2021_2025 = "2021-2025", _("2021–2025 (Decision 919)")

    category = models.OneToOneField(
        "catalogue.Category",
        on_delete=models.CASCADE,
        related_name="ocop_group",
        verbose_name=_("category"),
    )
    period = models.CharField(_("programme period"), max_length=9, choices=Period.choices)
    number = models.PositiveSmallIntegerField(
        _("group number"), help_text=_("1–6 within the period; empty for sub-groups"), null=True
    )
    colour = models.CharField(_("colour"), max_length=7, default="#b3261e")
    is_service = models.BooleanField(
        _("services"), default=False, help_text=_("Booked, not shipped (community tourism).")
    )

    class Meta:
        verbose_name = _("OCOP product group")
        verbose_name_plural = _("OCOP product groups")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "number"],
                condition=models.Q(number__isnull=False),
                name="catalog_group_number_unique_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(number__isnull=True) | models.Q(number__gte=1, number__lte=6),
                name="catalog_group_number_1_to_6",
            ),
        ]

    def __str__(self):
        return f"{self.category.name} ({self.period})"
