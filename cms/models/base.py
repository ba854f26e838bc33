"""What every CMS page type shares: search and social-media tags, the language switcher, and
the place fields (commune, street, a map point inside Việt Nam) of pages that are somewhere."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from catalog import selectors
from catalog.models import Commune, Province
from cms.geo import validate_point
from cms.i18n import translation_links


class PageMixin(models.Model):
    """Open Graph picture and tags, and the language links, for every page type."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture for social media"),
        help_text=_("Shown when the page is shared (Open Graph); the page's own picture if empty."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    class Meta:
        abstract = True

    @property
    def og_image(self):
        return self.social_image or getattr(self, "image", None)

    @property
    def og_description(self) -> str:
        return self.search_description or getattr(self, "intro", "") or ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_translations"] = translation_links(self)
        return context


class PlacePageForm(WagtailAdminPageForm):
    """Offers the communes of the province the page is filed under (a point of sale under
    Nghệ An is in Nghệ An), and says so when a commune of another province is sent."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.province = self._province_from_tree()
        if "commune" in self.fields:
            communes = Commune.objects.select_related("province")
            if self.province is not None:
                communes = communes.filter(province=self.province)
            self.fields["commune"].queryset = communes

    def _province_from_tree(self):
        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        province_id = getattr(parent.specific if parent else None, "province_id", None)
        return None if province_id is None else Province.objects.get(pk=province_id)


class PlaceMixin(models.Model):
    """Where a page's place is: an address of today's units and a point on the map."""

    commune = models.ForeignKey(
        "catalog.Commune",
        verbose_name=_("commune or ward"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, help_text=_("e.g. 19.051234 (north)")
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, help_text=_("e.g. 104.881234 (east)")
    )

    place_panels = [
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("commune"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Where"),
        )
    ]
    base_form_class = PlacePageForm

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        validate_point(self.latitude, self.longitude)

    @property
    def province(self):
        return self.commune.province

    @property
    def address(self) -> str:
        parts = [self.street_address, self.commune.name, self.commune.province.name]
        return ", ".join(part for part in parts if part)

    @property
    def osm_url(self) -> str:
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=15/{self.latitude}/{self.longitude}"
        )


class ChosenProduct(Orderable):
    """A product an editor chose for a page; shown only while it is listable."""

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        abstract = True


class ChosenProducer(Orderable):
    """A producer an editor chose for a page; shown only while it has a listed product."""

    producer = models.ForeignKey(
        "catalog.Producer", verbose_name=_("producer"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("producer")]

    class Meta(Orderable.Meta):
        abstract = True


def chosen_products(page, relation: str) -> list:
    """The listable products among a page's choices (draft or live), in the editor's order."""
    return selectors.listable_products_chosen([c.product_id for c in getattr(page, relation).all()])


def chosen_producers(page, relation: str) -> list:
    return selectors.producers_chosen([c.producer_id for c in getattr(page, relation).all()])
