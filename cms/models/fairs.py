"""Trade fairs (hội chợ, triển lãm): dates, venue, level, exhibitors, programme, and the form
producers apply to exhibit with (its submissions are in the CMS under Forms)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from catalog.models import Province
from catalog.selectors import today
from cms.blocks import BodyBlock
from cms.calendar import month_grid, month_range, shift_month
from cms.i18n import in_reading_language
from cms.models.base import ChosenProducer, PageMixin, PlaceMixin, PlacePageForm, chosen_producers
from cms.params import ListingParams
from cms.rich_text import SanitisedRichTextField


class FairPageForm(PlacePageForm, WagtailAdminFormPageForm):
    """Both the place form (communes of the province) and the form builder's checks."""


class FairPage(PlaceMixin, PageMixin, AbstractEmailForm):
    class Level(models.TextChoices):
        PROVINCIAL = "provincial", _("Provincial")
        REGIONAL = "regional", _("Regional")
        NATIONAL = "national", _("National")
        INTERNATIONAL = "international", _("International")

    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    organiser = models.CharField(_("organiser"), max_length=255)
    venue = models.CharField(
        _("venue"), max_length=255, help_text=_("e.g. Quảng trường Hồ Chí Minh")
    )
    intro = models.TextField(_("introduction"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    programme = StreamField(BodyBlock(), verbose_name=_("programme"), blank=True)
    how_to_apply = SanitisedRichTextField(_("how producers apply to exhibit"), blank=True)
    application_deadline = models.DateField(
        _("applications close"),
        null=True,
        blank=True,
        help_text=_("The form is offered until this day (and never after the fair has begun)."),
    )
    thank_you_text = SanitisedRichTextField(_("message after applying"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("level")]),
        FieldPanel("organiser"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("venue"),
        *PlaceMixin.place_panels,
        MultipleChooserPanel(
            "exhibitors",
            heading=_("Exhibiting producers"),
            help_text=_("Only producers with a product listed in the shop are shown."),
            chooser_field_name="producer",
        ),
        FieldPanel("programme"),
        MultiFieldPanel(
            [
                FormSubmissionsPanel(),
                FieldPanel("how_to_apply"),
                FieldPanel("application_deadline"),
                InlinePanel("form_fields", label=_("Form field")),
                FieldPanel("thank_you_text"),
                FieldRowPanel([FieldPanel("to_address"), FieldPanel("subject")]),
            ],
            heading=_("Applications to exhibit"),
        ),
    ]
    base_form_class = FairPageForm
    parent_page_types = ["cms.ProvincePage", "cms.FairIndexPage"]
    subpage_types = []
    template = "cms/fair_page.html"
    landing_page_template = "cms/fair_page_landing.html"

    class Meta:
        verbose_name = _("fair")
        verbose_name_plural = _("fairs")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The fair ends before it starts: check the last day.")}
            )
        if (
            self.application_deadline
            and self.end_date
            and self.application_deadline > self.end_date
        ):
            raise ValidationError(
                {"application_deadline": _("Applications cannot close after the fair has ended.")}
            )

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    def is_past(self, on: datetime.date | None = None) -> bool:
        return self.end_date < (on or today())

    def accepts_applications(self, on: datetime.date | None = None) -> bool:
        on = on or today()
        deadline = min(filter(None, [self.application_deadline, self.start_date]))
        return on <= deadline and bool(self.get_form_fields())

    @property
    def ics_url(self) -> str:
        return reverse("cms:fair-ics", args=[self.pk])

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and not self.accepts_applications():
            context = self.get_context(request)
            context["applications_closed"] = True
            return TemplateResponse(request, self.get_template(request), context, status=400)
        return super().serve(request, *args, **kwargs)

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        return form if self.accepts_applications() else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["exhibitors"] = chosen_producers(self, "exhibitors")
        return context


class FairApplicationField(AbstractFormField):
    page = ParentalKey(FairPage, on_delete=models.CASCADE, related_name="form_fields")


class FairExhibitor(ChosenProducer):
    page = ParentalKey(FairPage, on_delete=models.CASCADE, related_name="exhibitors")


def fairs(*, province=None):
    """Live fairs in the reader's language, soonest first."""
    pages = FairPage.objects.live().public().select_related("commune__province")
    if province is not None:
        pages = pages.filter(commune__province=province)
    return in_reading_language(pages).order_by("start_date", "title")


def upcoming_fairs(*, province=None, on: datetime.date | None = None):
    """Fairs that have not ended yet (one on today counts)."""
    return fairs(province=province).filter(end_date__gte=on or today())


def past_fairs(*, province=None, on: datetime.date | None = None):
    return fairs(province=province).filter(end_date__lt=on or today()).reverse()


class FairIndexPage(PageMixin, Page):
    """Every fair, as a list (coming or past) or a month calendar, filterable by province,
    with the iCalendar feeds to subscribe to."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.FairPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("fairs index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        params = ListingParams.from_query(request.GET)
        province = Province.objects.filter(codename=params.province).first()
        context.update(params=params, province=province, provinces=Province.objects.all())
        if params.view == "calendar":
            month = params.month or today().replace(day=1)
            first, last = month_range(month)
            shown = fairs(province=province).filter(start_date__lte=last, end_date__gte=first)
            context.update(
                month=month,
                weeks=month_grid(month, shown),
                previous_month=shift_month(month, -1),
                next_month=shift_month(month, 1),
            )
        else:
            chosen = past_fairs if params.when == "past" else upcoming_fairs
            context["fairs"] = chosen(province=province)
        query = f"?province={province.codename}" if province else ""
        context["ics_url"] = reverse("cms:fairs-ics") + query
        return context
