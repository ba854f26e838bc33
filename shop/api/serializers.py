"""What each list shows, field by field. Public fields only: a producer's contact person,
phone and email, users and orders are never read here (tests walk every answer for them)."""

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalog import selectors


def absolute(request, url: str | None) -> str | None:
    if not url:
        return None
    return request.build_absolute_uri(url) if request is not None else url


class ProvinceRefSerializer(serializers.Serializer):
    code = serializers.IntegerField()
    codename = serializers.CharField()
    name = serializers.CharField(source="short_name")


class GroupSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    parent = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_parent(self, category) -> str | None:
        parents = self.context.get("group_parents", {})
        return parents.get(category.path[: -category.steplen]) if category.depth > 1 else None


class CertificateRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    stars = serializers.IntegerField()
    decision_number = serializers.CharField()
    decision_date = serializers.DateField()
    issuing_body = serializers.CharField()
    level = serializers.CharField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField()


class ProducerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="legal_name")
    trademark = serializers.CharField()


class ProductSerializer(serializers.Serializer):
    """A listed product. Rows come from `catalog.selectors.open_data_products` only."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    stars = serializers.SerializerMethodField()
    certificate = serializers.SerializerMethodField()
    groups = serializers.SerializerMethodField()
    producer = serializers.SerializerMethodField()
    province = serializers.SerializerMethodField()
    price_vnd = serializers.SerializerMethodField()
    currency = serializers.SerializerMethodField()
    in_stock = serializers.SerializerMethodField()
    images = serializers.SerializerMethodField()
    trace_url = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(source="date_updated")

    def _request(self):
        return self.context.get("request")

    @staticmethod
    def _record(product):
        records = product.stockrecords.all()
        return records[0] if records else None

    @staticmethod
    def _certificate(product):
        in_force = getattr(product, "certificates_in_force", [])
        return in_force[0] if in_force else None

    def get_description(self, product) -> str:
        return " ".join(strip_tags(product.description or "").split())

    def get_url(self, product) -> str:
        return absolute(self._request(), product.get_absolute_url())

    def get_stars(self, product) -> int | None:
        certificate = self._certificate(product)
        return certificate.stars if certificate else None

    @extend_schema_field(CertificateRefSerializer)
    def get_certificate(self, product):
        certificate = self._certificate(product)
        return CertificateRefSerializer(certificate).data if certificate else None

    @extend_schema_field(GroupSerializer(many=True))
    def get_groups(self, product):
        return GroupSerializer(product.categories.all(), many=True, context=self.context).data

    @extend_schema_field(ProducerRefSerializer)
    def get_producer(self, product):
        producer = selectors.producer_of(product)
        return ProducerRefSerializer(producer).data if producer else None

    @extend_schema_field(ProvinceRefSerializer)
    def get_province(self, product):
        producer = selectors.producer_of(product)
        return ProvinceRefSerializer(producer.province).data if producer else None

    def get_price_vnd(self, product) -> int | None:
        record = self._record(product)
        return int(record.price) if record and record.price is not None else None

    def get_currency(self, product) -> str:
        return settings.OSCAR_DEFAULT_CURRENCY

    def get_in_stock(self, product) -> bool:
        record = self._record(product)
        if record is None:
            return False
        if not product.product_class or not product.product_class.track_stock:
            return True
        return (record.net_stock_level or 0) > 0

    def get_images(self, product) -> list[str]:
        return [absolute(self._request(), image.original.url) for image in product.images.all()]

    def get_trace_url(self, product) -> str | None:
        code = getattr(product, "latest_trace_code", None)
        return absolute(self._request(), reverse("catalog:trace", args=[code])) if code else None


class StorySectionSerializer(serializers.Serializer):
    heading = serializers.CharField()
    html = serializers.CharField()


class ProducerSerializer(serializers.Serializer):
    """A producer's public profile, as its product pages show it (never its contact
    person, phone, email or tax number)."""

    id = serializers.IntegerField()
    name = serializers.CharField(source="legal_name")
    trademark = serializers.CharField()
    entity_type = serializers.CharField()
    entity_type_label = serializers.CharField(source="get_entity_type_display")
    province = ProvinceRefSerializer()
    commune = serializers.CharField(source="commune.name")
    address = serializers.CharField()
    origin_as_published = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    website = serializers.CharField()
    women_led = serializers.BooleanField()
    ethnic_minority_led = serializers.BooleanField()
    ethnic_group = serializers.CharField()
    photo = serializers.SerializerMethodField()
    story = serializers.SerializerMethodField()
    products_url = serializers.SerializerMethodField()

    def get_photo(self, producer) -> str | None:
        return absolute(self.context.get("request"), producer.photo.url if producer.photo else None)

    @extend_schema_field(StorySectionSerializer(many=True))
    def get_story(self, producer):
        return [
            {"heading": str(section.heading), "html": section.html}
            for section in producer.story_sections
        ]

    def get_products_url(self, producer) -> str:
        url = reverse("api:product-list") + f"?producer={producer.pk}"
        return absolute(self.context.get("request"), url)


class CertifiedProductSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    on_sale = serializers.BooleanField()
    url = serializers.CharField(allow_null=True)


class CertificateSerializer(serializers.Serializer):
    """A decided OCOP certificate, whatever its status, as anyone may check it. Its product
    is linked only while on sale: a revoked or lapsed certificate's product is not."""

    id = serializers.IntegerField()
    product = serializers.SerializerMethodField()
    province = serializers.SerializerMethodField()
    stars = serializers.IntegerField()
    score = serializers.IntegerField()
    criteria_version = serializers.CharField()
    criteria_set = serializers.CharField()
    level = serializers.CharField()
    issuing_body = serializers.CharField()
    decision_number = serializers.CharField()
    decision_date = serializers.DateField()
    number = serializers.CharField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField()
    status = serializers.SerializerMethodField()
    status_reason = serializers.SerializerMethodField()

    def _status(self, certificate) -> str:
        return certificate.status_on(on=self.context["today"])

    @extend_schema_field(CertifiedProductSerializer)
    def get_product(self, certificate):
        product = certificate.product
        url = absolute(self.context.get("request"), product.get_absolute_url())
        return {
            "id": product.pk,
            "title": product.title,
            "on_sale": certificate.product_listed,
            "url": url if certificate.product_listed else None,
        }

    @extend_schema_field(ProvinceRefSerializer)
    def get_province(self, certificate):
        province = self.context["provinces"].get(certificate.province_code)
        return ProvinceRefSerializer(province).data if province else None

    @extend_schema_field({"type": "string", "enum": ["valid", "expired", "revoked", "superseded"]})
    def get_status(self, certificate) -> str:
        return self._status(certificate)

    def get_status_reason(self, certificate) -> str:
        # Why a certificate was revoked is part of the public record; other notes are not.
        return certificate.status_reason if self._status(certificate) == "revoked" else ""


class StarCountSerializer(serializers.Serializer):
    stars = serializers.IntegerField()
    products = serializers.IntegerField()


class GroupCountSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    products = serializers.IntegerField()


class ProvinceSerializer(serializers.Serializer):
    """A province with its live figures (the ones its CMS pages show)."""

    code = serializers.IntegerField()
    codename = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    listed_products = serializers.SerializerMethodField()
    producers = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()

    def _counts(self, province) -> dict:
        return self.context["counts"].get(province.pk, {"products": 0, "producers": 0})

    def get_listed_products(self, province) -> int:
        return self._counts(province)["products"]

    def get_producers(self, province) -> int:
        return self._counts(province)["producers"]

    def get_url(self, province) -> str:
        url = reverse("api:province-detail", args=[province.codename])
        return absolute(self.context.get("request"), url)

    def get_page_url(self, province) -> str | None:
        page = self.context["pages"].get(province.pk)
        return page.get_full_url(self.context.get("request")) if page else None


class ProvinceDetailSerializer(ProvinceSerializer):
    by_stars = serializers.SerializerMethodField()
    by_group = serializers.SerializerMethodField()

    def _figures(self):
        return self.context["figures"]

    def get_listed_products(self, province) -> int:
        return self._figures()["products"]

    def get_producers(self, province) -> int:
        return self._figures()["producers"]

    @extend_schema_field(StarCountSerializer(many=True))
    def get_by_stars(self, province):
        return [{"stars": s, "products": n} for s, n in self._figures()["by_stars"]]

    @extend_schema_field(GroupCountSerializer(many=True))
    def get_by_group(self, province):
        return [
            {"slug": group.slug, "name": group.name, "products": n}
            for group, n in self._figures()["by_group"]
        ]


class OpeningHoursSerializer(serializers.Serializer):
    weekday = serializers.IntegerField()
    opens = serializers.TimeField(allow_null=True)
    closes = serializers.TimeField(allow_null=True)
    closes_next_day = serializers.BooleanField()


class PlaceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    address = serializers.CharField()
    province = ProvinceRefSerializer(source="commune.province")
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()

    def get_url(self, page) -> str | None:
        return page.get_full_url(self.context.get("request"))


class PointOfSaleSerializer(PlaceSerializer):
    """A point of sale: its public contact, as its page shows it, and its weekly hours."""

    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    intro = serializers.CharField()
    phone = serializers.CharField()
    website = serializers.CharField()
    open_now = serializers.SerializerMethodField()
    opening_hours = OpeningHoursSerializer(many=True)

    def get_open_now(self, page) -> bool:
        return page.is_open()


class FairSerializer(PlaceSerializer):
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    level = serializers.CharField()
    level_label = serializers.CharField(source="get_level_display")
    organiser = serializers.CharField()
    venue = serializers.CharField()
    intro = serializers.CharField()
    ics_url = serializers.SerializerMethodField()

    def get_ics_url(self, fair) -> str:
        return absolute(self.context.get("request"), fair.ics_url)
