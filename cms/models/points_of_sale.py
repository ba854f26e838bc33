"""OCOP points of sale (điểm giới thiệu và bán sản phẩm OCOP): where to buy in person, when it
is open, and what it stocks."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultipleChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from catalog.selectors import today
from cms import opening_hours
from cms.blocks import BodyBlock
from cms.i18n import in_reading_language
from cms.models.base import ChosenProduct, PageMixin, PlaceMixin, chosen_products


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class PointOfSalePage(PlaceMixin, PageMixin, Page):
    class Kind(models.TextChoices):
        OCOP_CENTRE = "ocop_centre", _("OCOP centre")
        SHOWROOM = "showroom", _("Showroom")
        REST_STOP = "rest_stop", _("Rest stop")
        SUPERMARKET = "supermarket", _("Supermarket corner")
        MARKET = "market", _("Market stall")
        TOURIST_SITE = "tourist_site", _("Shop at a tourist site")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    intro = models.TextField(_("introduction"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("more about it"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldPanel("image"),
        *PlaceMixin.place_panels,
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")]),
        InlinePanel("opening_hours", heading=_("Opening hours"), label=_("Opening")),
        InlinePanel(
            "opening_exceptions",
            heading=_("Holidays and other exceptions"),
            label=_("Exception"),
        ),
        MultipleChooserPanel(
            "stocked_products",
            heading=_("Products it stocks"),
            help_text=_("Only those listed in the shop at the moment are shown."),
            chooser_field_name="product",
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.ProvincePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("point of sale")
        verbose_name_plural = _("points of sale")

    def _weekly(self) -> dict[int, list[opening_hours.Span]]:
        weekly: dict[int, list[opening_hours.Span]] = {}
        for row in self.opening_hours.all():
            weekly.setdefault(row.weekday, []).append(row.span)
        for spans in weekly.values():
            spans.sort(key=lambda span: span.opens)
        return weekly

    def is_open(self, at: datetime.datetime | None = None) -> bool:
        """Open at that moment (now by default), in Vietnam's time."""
        return opening_hours.is_open(
            weekly=self._weekly(), exceptions=self.opening_exceptions.all(), at=at
        )

    @property
    def open_now(self) -> bool:
        return self.is_open()

    def week(self) -> list[tuple[str, list[opening_hours.Span]]]:
        weekly = self._weekly()
        return [(label, weekly.get(value, [])) for value, label in Weekday.choices]

    def coming_exceptions(self, *, days: int = 90) -> list:
        start = today()
        end = start + datetime.timedelta(days=days)
        return [
            exception
            for exception in self.opening_exceptions.all()
            if exception.last_day >= start and exception.first_day <= end
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = chosen_products(self, "stocked_products")
        context["today_weekday"] = opening_hours.shop_time().weekday()
        return context


class HoursFields(models.Model):
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    closes_next_day = models.BooleanField(
        _("closes after midnight"),
        default=False,
        help_text=_("For a night market open until the small hours; 00:00 to 00:00 is all day."),
    )

    class Meta:
        abstract = True

    @property
    def span(self) -> opening_hours.Span:
        return opening_hours.Span(self.opens, self.closes, self.closes_next_day)

    def check_span(self):
        problem = opening_hours.span_problem(self.opens, self.closes, self.closes_next_day)
        if problem:
            raise ValidationError({"closes": problem})


class OpeningHours(HoursFields, Orderable):
    page = ParentalKey(PointOfSalePage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("weekday"),
                FieldPanel("opens"),
                FieldPanel("closes"),
                FieldPanel("closes_next_day"),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens or ''}–{self.closes or ''}"

    def clean(self):
        super().clean()
        self.check_span()


class OpeningException(HoursFields, Orderable):
    """A day or days when the weekly hours do not apply: closed for Tết, or other hours."""

    page = ParentalKey(PointOfSalePage, on_delete=models.CASCADE, related_name="opening_exceptions")
    name = models.CharField(_("occasion"), max_length=120, help_text=_("e.g. Tết Nguyên Đán"))
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("until"))
    closed = models.BooleanField(_("closed"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("first_day"), FieldPanel("last_day")]),
        FieldRowPanel(
            [
                FieldPanel("closed"),
                FieldPanel("opens"),
                FieldPanel("closes"),
                FieldPanel("closes_next_day"),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening exception")
        verbose_name_plural = _("opening exceptions")

    def __str__(self):
        return f"{self.name} ({self.first_day}–{self.last_day})"

    def clean(self):
        super().clean()
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": _("The last day is before the first day.")})
        if not self.closed:
            self.check_span()


class PointOfSaleProduct(ChosenProduct):
    page = ParentalKey(PointOfSalePage, on_delete=models.CASCADE, related_name="stocked_products")


def points_of_sale(*, province=None):
    """Live points of sale in the reader's language, by province then name, with what
    "open now" reads (two queries for the lot, not two per place)."""
    pages = (
        PointOfSalePage.objects.live()
        .public()
        .select_related("commune__province")
        .prefetch_related("opening_hours", "opening_exceptions")
    )
    if province is not None:
        pages = pages.filter(commune__province=province)
    return in_reading_language(pages).order_by("commune__province__name", "title")
