import uuid

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultipleChooserPanel
from wagtail.models import Page

from catalog import selectors
from cms.models.articles import ArticleIndexPage, latest_articles
from cms.models.base import ChosenProduct, PageMixin, chosen_products
from cms.models.fairs import FairIndexPage, upcoming_fairs
from cms.models.map import MapPage
from cms.models.points_of_sale import points_of_sale
from cms.models.provinces import ProvinceIndexPage, province_pages
from cms.models.tourism import TourismIndexPage
from cms.rich_text import SanitisedRichTextField
from search.backends import content_version

SECTIONS = {
    "provinces": ProvinceIndexPage,
    "map": MapPage,
    "fairs": FairIndexPage,
    "tourism": TourismIndexPage,
    "news": ArticleIndexPage,
}


class HomePage(PageMixin, Page):
    """The front page: a welcome, OCOP products (chosen by editors, else the newest listed),
    the coming fairs, where to buy, the latest stories and the provinces."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = SanitisedRichTextField(_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        MultipleChooserPanel(
            "featured_products",
            heading=_("Featured products"),
            help_text=_("Only those listed in the shop at the moment are shown."),
            chooser_field_name="product",
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.ProvinceIndexPage",
        "cms.MapPage",
        "cms.FairIndexPage",
        "cms.TourismIndexPage",
        "cms.ArticleIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The sections are cached under this key (cms/home_page.html) and read only when
        # drawn. A preview shows a draft: its own key, never served to anyone else.
        preview = uuid.uuid4().hex if getattr(request, "is_preview", False) else ""
        context["home_key"] = (
            f"{content_version()}:{selectors.today().isoformat()}:{get_language()}:"
            f"{self.pk}:{preview}"
        )
        context["featured_products"] = SimpleLazyObject(
            lambda: (
                chosen_products(self, "featured_products")
                or list(selectors.featured_products(limit=8))
            )
        )
        context["sections"] = SimpleLazyObject(self.sections)
        context["upcoming_fairs"] = SimpleLazyObject(lambda: list(upcoming_fairs()[:3]))
        context["points_of_sale"] = points_of_sale()[:4]
        context["latest_articles"] = SimpleLazyObject(lambda: list(latest_articles()[:3]))
        context["province_pages"] = SimpleLazyObject(lambda: list(province_pages()))
        return context

    def sections(self) -> dict:
        """The live section pages under this home page (its language's), by name."""
        children = self.get_children().live().specific()
        return {
            name: next((child for child in children if isinstance(child, model)), None)
            for name, model in SECTIONS.items()
        }


class HomeFeaturedProduct(ChosenProduct):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_products")
