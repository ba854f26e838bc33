from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.fields import SanitisedHTMLField, ValidatedImageField


class Producer(models.Model):
    """An OCOP subject (chủ thể OCOP): the legal entity that makes and sells products.

    One-to-one with Oscar's Partner, whose users and stock records give the producer
    its own products and order lines, and nothing else.
    """

    class EntityType(models.TextChoices):
        COOPERATIVE = "cooperative", _("Cooperative (HTX)")
        ENTERPRISE = "enterprise", _("Enterprise")
        COOPERATIVE_GROUP = "cooperative_group", _("Cooperative group (tổ hợp tác)")
        HOUSEHOLD = "household", _("Registered household business")
        FARM = "farm", _("Farm")
        ASSOCIATION = "association", _("Association or destination operator")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending verification")
        VERIFIED = "verified", _("Verified")
        SUSPENDED = "suspended", _("Suspended")

    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.PROTECT, related_name="producer"
    )
    legal_name = models.CharField(_("legal name"), max_length=255)
    entity_type = models.CharField(_("entity type"), max_length=20, choices=EntityType.choices)
    registration_number = models.CharField(
        _("tax or registration number"), max_length=32, unique=True
    )
    trademark = models.CharField(_("trademark"), max_length=120, blank=True)

    province = models.ForeignKey(
        "catalog.Province",
        on_delete=models.PROTECT,
        related_name="producers",
        verbose_name=_("province"),
    )
    commune = models.ForeignKey(
        "catalog.Commune",
        on_delete=models.PROTECT,
        related_name="producers",
        verbose_name=_("commune"),
    )
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    origin_as_published = models.CharField(
        _("place of origin as published"),
        max_length=255,
        blank=True,
        help_text=_("As written in older records, e.g. “huyện Yên Thành, Nghệ An”."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)

    women_led = models.BooleanField(_("led by women"), default=False)
    ethnic_minority_led = models.BooleanField(_("led by an ethnic minority"), default=False)
    ethnic_group = models.CharField(_("ethnic group"), max_length=60, blank=True)

    # The product story (câu chuyện sản phẩm), structured so it cannot be a formality.
    # Rich text the producer types: sanitised whenever it is validated or saved.
    story_history = SanitisedHTMLField(_("history"), blank=True)
    story_people = SanitisedHTMLField(_("the people"), blank=True)
    story_village = SanitisedHTMLField(_("the village"), blank=True)
    story_raw_material = SanitisedHTMLField(_("raw-material area"), blank=True)
    story_culture = SanitisedHTMLField(_("culture"), blank=True)
    photo = ValidatedImageField(_("photo"), upload_to="producers/%Y/", blank=True)

    status = models.CharField(
        _("verification status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    status_reason = models.CharField(_("reason"), max_length=255, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    # The story's sections in reading order: the one list of them.
    STORY_FIELDS = (
        "story_history",
        "story_people",
        "story_village",
        "story_raw_material",
        "story_culture",
    )

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__range=(-90, 90)),
                name="catalog_producer_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__range=(-180, 180)),
                name="catalog_producer_longitude_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="verified") | models.Q(verified_at__isnull=False),
                name="catalog_producer_verified_has_date",
            ),
        ]

    def __str__(self):
        return self.legal_name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.commune_id and self.province_id and self.commune.province_id != self.province_id:
            raise ValidationError({"commune": _("This commune is not in the chosen province.")})

    @property
    def story_sections(self):
        """The story's non-empty sections as (heading, html), in reading order."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.STORY_FIELDS
            if getattr(self, name)
        ]

    @property
    def address(self):
        parts = [self.street_address, self.commune.name, self.province.name]
        return ", ".join(part for part in parts if part)
