from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from catalog.fields import SanitisedHTMLField, ValidatedImageField
from catalog.validators import validate_certificate_scan


class StorySection(NamedTuple):
    name: str  # the field: story_history…
    heading: str
    html: str


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
        CHANGES_REQUESTED = "changes_requested", _("Changes requested by the province")
        VERIFIED = "verified", _("Verified")
        SUSPENDED = "suspended", _("Suspended")
        REJECTED = "rejected", pgettext_lazy("producer status", "Rejected")

    # An application the producer may still correct and send again.
    OPEN_APPLICATION = (Status.PENDING, Status.CHANGES_REQUESTED)

    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.PROTECT, related_name="producer"
    )
    legal_name = models.CharField(_("legal name"), max_length=255)
    entity_type = models.CharField(_("entity type"), max_length=20, choices=EntityType.choices)
    registration_number = models.CharField(
        _("tax or registration number"),
        max_length=32,
        unique=True,
        error_messages={
            "unique": _("A producer with this tax or registration number is already registered.")
        },
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
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
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
        _("verification status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # What the province told the producer (changes to make, why it was refused): shown to it.
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)

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
        permissions = [("review_producer", _("Can review producers' applications"))]
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
            models.CheckConstraint(
                condition=~models.Q(status__in=["rejected", "changes_requested"])
                | ~models.Q(status_reason=""),
                name="catalog_producer_refusal_has_reason",
            ),
        ]

    def __str__(self):
        return self.legal_name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.commune_id and self.province_id and self.commune.province_id != self.province_id:
            raise ValidationError({"commune": _("This commune is not in the chosen province.")})

    @property
    def story_sections(self) -> list["StorySection"]:
        """The story's non-empty sections, in reading order, in the page's language (or the
        Vietnamese where none is written in it: catalog/translation.py)."""
        return [
            StorySection(name, self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.STORY_FIELDS
            if getattr(self, name)
        ]

    @property
    def address(self):
        parts = [self.street_address, self.commune.name, self.province.name]
        return ", ".join(part for part in parts if part)


class ProducerDocument(models.Model):
    """A paper the producer sent with its application: a scan of an OCOP decision, its
    business registration. Read by the province officer who reviews it."""

    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, related_name="documents", verbose_name=_("producer")
    )
    title = models.CharField(_("what it is"), max_length=255)
    file = models.FileField(
        _("file"), upload_to="producer-documents/%Y/", validators=[validate_certificate_scan]
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["producer", "uploaded_at", "pk"]
        verbose_name = _("producer document")
        verbose_name_plural = _("producer documents")

    def __str__(self):
        return self.title


class ProvinceOfficer(models.Model):
    """A province OCOP officer (cán bộ OCOP tỉnh): one user, one province. Together with
    the officers' group (catalog.permissions) it scopes what the user reviews and sees."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ocop_officer",
        verbose_name=_("user"),
    )
    province = models.ForeignKey(
        "catalog.Province",
        on_delete=models.PROTECT,
        related_name="officers",
        verbose_name=_("province"),
    )
    appointed_at = models.DateTimeField(_("appointed"), auto_now_add=True)

    class Meta:
        ordering = ["province", "user"]
        verbose_name = _("province OCOP officer")
        verbose_name_plural = _("province OCOP officers")

    def __str__(self):
        return f"{self.user} – {self.province}"
