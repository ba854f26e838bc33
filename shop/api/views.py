"""The API's views: each picks its rows from a selector (catalog) or a CMS list function,
lets its FilterSet narrow them and its serializer present them. Nothing else."""

from django.http import Http404
from django.utils import translation
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from catalog import selectors
from catalog.models import Province
from cms.map import feature_collection, map_places
from cms.models.fairs import FairPage, fairs
from cms.models.points_of_sale import PointOfSalePage, points_of_sale
from cms.models.provinces import province_pages
from shop.api import filters
from shop.api import serializers as shapes
from shop.api.policies import Cursor, Pages


class ReaderLanguage:
    """Answers in the reader's language (Accept-Language, or the language cookie). The API's
    paths have no language prefix, where Django's LocaleMiddleware always picks Vietnamese."""

    def initial(self, request, *args, **kwargs):
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)


class OpenDataViewSet(ReaderLanguage, viewsets.ReadOnlyModelViewSet):
    pass


class ProductViewSet(OpenDataViewSet):
    """Listed OCOP products only (the listing rule: catalog.selectors.listable_products)."""

    serializer_class = shapes.ProductSerializer
    filterset_class = filters.ProductFilter
    pagination_class = Cursor

    def get_queryset(self):
        return selectors.open_data_products()

    def get_serializer_context(self):
        groups = selectors.product_groups()
        return {
            **super().get_serializer_context(),
            "group_parents": {g.path: g.slug for g in groups},
        }


class GroupViewSet(OpenDataViewSet):
    """OCOP product groups and sub-groups (2021–2025 taxonomy): the `group` filter's values."""

    serializer_class = shapes.GroupSerializer
    pagination_class = None
    filter_backends = []
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.product_group_choices()

    def get_serializer_context(self):
        groups = selectors.product_groups()
        return {
            **super().get_serializer_context(),
            "group_parents": {g.path: g.slug for g in groups},
        }

    def get_object(self):
        group = self.get_queryset().filter(slug=self.kwargs["slug"]).first()
        if group is None:
            raise Http404
        return group


class ProducerViewSet(OpenDataViewSet):
    """Producers with at least one listed product: their public profile only."""

    serializer_class = shapes.ProducerSerializer
    filterset_class = filters.ProducerFilter
    pagination_class = Cursor

    def get_queryset(self):
        return selectors.producers_listed().select_related("province", "commune__province")


class CertificateViewSet(OpenDataViewSet):
    """Every decided certificate (valid, expired, revoked, superseded) so anyone can check a
    claim; `product.on_sale` says whether its product is sold now."""

    serializer_class = shapes.CertificateSerializer
    filterset_class = filters.CertificateFilter
    pagination_class = Cursor

    def get_queryset(self):
        return selectors.public_certificates()

    def get_serializer_context(self):
        return {
            **super().get_serializer_context(),
            "today": selectors.today(),
            "provinces": {p.pk: p for p in Province.objects.all()},
        }


class ProvinceViewSet(OpenDataViewSet):
    """The 34 provinces with their live OCOP figures, as their CMS pages show them."""

    queryset = Province.objects.all()
    pagination_class = None
    filter_backends = []
    lookup_field = "codename"

    def get_serializer_class(self):
        if self.action == "retrieve":
            return shapes.ProvinceDetailSerializer
        return shapes.ProvinceSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        context["pages"] = {page.province_id: page for page in province_pages()}
        if self.action == "retrieve":
            context["figures"] = selectors.province_figures(self.get_object())
        else:
            context["counts"] = selectors.listed_counts_by_province()
        return context


class PointOfSaleViewSet(OpenDataViewSet):
    """Live points of sale (where to buy in person), in the reader's language."""

    serializer_class = shapes.PointOfSaleSerializer
    filterset_class = filters.PlaceFilter
    pagination_class = Pages

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema reads the model only
            return PointOfSalePage.objects.none()
        return points_of_sale().prefetch_related("opening_hours", "opening_exceptions")

    @extend_schema(
        parameters=[OpenApiParameter("province", str, description="A province's codename")],
        responses={
            (200, "application/geo+json"): inline_serializer(
                "FeatureCollection",
                {
                    "type": serializers.CharField(),
                    "features": serializers.ListField(child=serializers.DictField()),
                },
            )
        },
    )
    @action(detail=False, url_path="geojson", filter_backends=[], pagination_class=None)
    def geojson(self, request, format=None):
        """The same places as GeoJSON (RFC 7946), as the CMS map draws them."""
        found = filters.PlaceFilter(request.GET, queryset=points_of_sale())
        if not found.is_valid():
            raise ValidationError(found.errors)
        province = found.form.cleaned_data.get("province")
        places = map_places(province=province, kinds=("point_of_sale",))
        response = Response(feature_collection(places))
        response.content_type = "application/geo+json"
        return response


class FairViewSet(OpenDataViewSet):
    """Live fairs, soonest first; each links its iCalendar file (all of them: /fairs.ics)."""

    serializer_class = shapes.FairSerializer
    filterset_class = filters.FairFilter
    pagination_class = Pages

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema reads the model only
            return FairPage.objects.none()
        return fairs()
