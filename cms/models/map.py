"""The map page: every point of sale, coming fair and tourism place on a Leaflet map, with the
same places as a plain list that works without JavaScript."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from catalog.models import Province
from cms.map import KIND_LABELS, map_places
from cms.models.base import PageMixin
from cms.params import KINDS, ListingParams


class MapPage(PageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("map page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        params = ListingParams.from_query(request.GET)
        province = Province.objects.filter(codename=params.province).first()
        query = {"kind": params.kinds} if params.kinds != KINDS else {}
        if province:
            query["province"] = province.codename
        context.update(
            params=params,
            province=province,
            provinces=Province.objects.all(),
            kinds=[(kind, KIND_LABELS[kind]) for kind in KINDS],
            places=map_places(province=province, kinds=params.kinds),
            geojson_url=reverse("cms:places-geojson")
            + ("?" + urlencode(query, doseq=True) if query else ""),
            tiles=settings.OCOP_MAP_TILES,
        )
        return context
