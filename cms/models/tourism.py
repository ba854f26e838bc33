"""Community tourism (du lịch cộng đồng): a destination or experience, linked to its OCOP-rated
tourism service when there is one, which is booked through the shop."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from catalog import selectors
from cms.blocks import BodyBlock
from cms.i18n import in_reading_language
from cms.models.base import PageMixin, PlaceMixin
from cms.rich_text import SanitisedRichTextField


class TourismPage(PlaceMixin, PageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    service_product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("OCOP tourism service"),
        help_text=_("The rated service visitors book through the shop, if there is one."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    seasons = models.CharField(
        _("best time to visit"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Tháng 9 – tháng 4; lễ hội tháng Giêng"),
    )
    getting_there = SanitisedRichTextField(_("how to get there"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("service_product"),
        FieldPanel("seasons"),
        *PlaceMixin.place_panels,
        FieldPanel("getting_there"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.ProvincePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tourism page")
        verbose_name_plural = _("tourism pages")

    def bookable_services(self) -> list:
        """The linked tourism service as a product card, or nothing when it is not listed."""
        return selectors.listable_products_chosen([self.service_product_id])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["service_products"] = self.bookable_services()
        return context


def tourism_pages(*, province=None):
    pages = TourismPage.objects.live().public().select_related("commune__province")
    if province is not None:
        pages = pages.filter(commune__province=province)
    return in_reading_language(pages).order_by("commune__province__name", "title")


class TourismIndexPage(PageMixin, Page):
    """Every community-tourism page of every province, in one list."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("tourism index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["places"] = tourism_pages()
        return context
