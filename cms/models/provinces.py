"""Province pages: one per province (catalog.Province), with its OCOP figures computed from the
catalog at every request, and the province index listing all 34."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultipleChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from catalog import selectors
from catalog.models import Province
from cms.blocks import BodyBlock
from cms.i18n import in_reading_language
from cms.models.articles import ArticlePage
from cms.models.base import (
    ChosenProducer,
    ChosenProduct,
    PageMixin,
    chosen_producers,
    chosen_products,
)
from cms.models.fairs import past_fairs, upcoming_fairs
from cms.models.points_of_sale import points_of_sale
from cms.models.tourism import tourism_pages


class ProvinceIndexPage(PageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProvincePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("province index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = {page.province_id: page for page in province_pages()}
        counts = selectors.listed_counts_by_province()
        empty = {"products": 0, "producers": 0}
        context["rows"] = [
            {"province": province, "page": pages.get(province.pk), **counts.get(province.pk, empty)}
            for province in Province.objects.all()
        ]
        return context


class ProvincePage(PageMixin, Page):
    province = models.ForeignKey(
        "catalog.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="+",
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
    body = StreamField(BodyBlock(), verbose_name=_("the province's OCOP programme"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("province"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultipleChooserPanel(
            "featured_products",
            heading=_("Featured products"),
            help_text=_("Only those listed in the shop at the moment are shown."),
            chooser_field_name="product",
        ),
        MultipleChooserPanel(
            "featured_producers",
            heading=_("Featured producers"),
            help_text=_("Only producers with a product listed in the shop are shown."),
            chooser_field_name="producer",
        ),
    ]
    parent_page_types = ["cms.ProvinceIndexPage"]
    subpage_types = [
        "cms.PointOfSalePage",
        "cms.FairPage",
        "cms.TourismPage",
        "cms.ArticlePage",
    ]

    class Meta:
        verbose_name = _("province page")

    def clean(self):
        super().clean()
        # At most one page per province in each language (a translation shares the province).
        if self.province_id and self.locale_id:
            others = ProvincePage.objects.filter(
                province_id=self.province_id, locale_id=self.locale_id
            )
            if others.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"province": _("This province already has a page in this language.")}
                )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        province = self.province
        context.update(
            figures=selectors.province_figures(province),
            featured_products=chosen_products(self, "featured_products"),
            featured_producers=chosen_producers(self, "featured_producers"),
            points_of_sale=points_of_sale(province=province),
            upcoming_fairs=upcoming_fairs(province=province),
            past_fairs=past_fairs(province=province)[:3],
            tourism_pages=tourism_pages(province=province),
            articles=ArticlePage.objects.live().public().child_of(self).order_by("-date")[:5],
            ics_url=reverse("cms:fairs-ics") + f"?province={province.codename}",
            shop_url=reverse("search:search") + f"?province={province.codename}",
        )
        return context


class ProvinceFeaturedProduct(ChosenProduct):
    page = ParentalKey(ProvincePage, on_delete=models.CASCADE, related_name="featured_products")


class ProvinceFeaturedProducer(ChosenProducer):
    page = ParentalKey(ProvincePage, on_delete=models.CASCADE, related_name="featured_producers")


def province_pages():
    return in_reading_language(
        ProvincePage.objects.live().public().select_related("province")
    ).order_by("province__name")
