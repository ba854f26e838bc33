"""Oscar's shipping app, plus the rate table that prices each producer's parcel.

Staff edit all three tables in the admin: which region each province belongs to, the
rate per destination zone and weight band, and each producer's free-shipping threshold."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    NORTH = "north", _("Northern Vietnam")
    CENTRAL = "central", _("Central Vietnam and the Central Highlands")
    SOUTH = "south", _("Southern Vietnam")


class Zone(models.TextChoices):
    """Where a parcel goes, seen from the producer's province."""

    SAME_PROVINCE = "same-province", _("Within the province")
    SAME_REGION = "same-region", _("Within the region")
    OTHER_REGION = "other-region", _("To another region")


class ProvinceRegion(models.Model):
    province = models.OneToOneField(
        "catalog.Province",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="shipping_region",
        verbose_name=_("province"),
    )
    region = models.CharField(_("region"), max_length=10, choices=Region.choices)

    class Meta:
        ordering = ["province__name"]
        verbose_name = _("province's region")
        verbose_name_plural = _("provinces' regions")

    def __str__(self):
        return f"{self.province}: {self.get_region_display()}"


class ShippingRate(models.Model):
    """One row of the rate table: a parcel to `zone` weighing up to `max_weight_grams`
    costs `charge`. Heavier than the zone's heaviest band: that band's charge plus
    `charge_per_extra_kg` for each started kilogram above it."""

    zone = models.CharField(_("destination"), max_length=16, choices=Zone.choices)
    max_weight_grams = models.PositiveIntegerField(_("up to (grams)"))
    charge = models.PositiveIntegerField(_("charge (VND)"))
    charge_per_extra_kg = models.PositiveIntegerField(_("per extra kg (VND)"), default=0)
    days_min = models.PositiveSmallIntegerField(_("delivery in at least (days)"))
    days_max = models.PositiveSmallIntegerField(_("delivery in at most (days)"))

    class Meta:
        ordering = ["zone", "max_weight_grams"]
        verbose_name = _("shipping rate")
        verbose_name_plural = _("shipping rates")
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "max_weight_grams"], name="shipping_rate_one_per_band"
            ),
            models.CheckConstraint(
                condition=models.Q(days_min__lte=models.F("days_max")),
                name="shipping_rate_days_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.get_zone_display()} ≤ {self.max_weight_grams} g: {self.charge} ₫"


class ProducerShipping(models.Model):
    """A producer's own shipping terms: free delivery of its parcel from this much."""

    partner = models.OneToOneField(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="shipping_terms",
        verbose_name=_("producer (partner)"),
    )
    free_shipping_over = models.PositiveIntegerField(
        _("free shipping from (VND)"),
        null=True,
        blank=True,
        help_text=_("Goods of this producer worth at least this much ship free."),
    )

    class Meta:
        verbose_name = _("producer's shipping terms")
        verbose_name_plural = _("producers' shipping terms")

    def __str__(self):
        return str(self.partner)


from oscar.apps.shipping.models import *  # noqa: E402, F403  (Oscar fork: the rest unchanged)
