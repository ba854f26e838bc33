"""The query-string filters of each list. A value that is not a known province, group, star
level or date, or a filter name that does not exist, answers 400 saying which and why."""

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from catalog import selectors
from catalog.models import Certificate, Province

# Paging and format, read by DRF itself rather than by a filter.
NOT_FILTERS = {"cursor", "page", "page_size", "format"}


class OneMatchChoiceField(forms.ModelChoiceField):
    """A choice by a readable key (a province's code name, a group's slug), refused with a
    message when nothing matches, and never a server error when several rows would."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        found = self.queryset.filter(**{self.to_field_name: value}).first()
        if found is None:
            raise ValidationError(
                _("“%(value)s” is not one of the choices: see %(where)s."),
                code="invalid_choice",
                params={"value": value, "where": self.help_text},
            )
        return found


@extend_schema_field(OpenApiTypes.STR)
class OneMatchFilter(django_filters.ModelChoiceFilter):
    field_class = OneMatchChoiceField


@extend_schema_field(OpenApiTypes.INT)
class StarsFilter(django_filters.TypedChoiceFilter):
    pass


def province_filter(**kwargs):
    return OneMatchFilter(
        queryset=Province.objects.all(),
        to_field_name="codename",
        help_text="/api/v1/provinces/ (codename)",
        label=_("province"),
        **kwargs,
    )


class StrictFilterSet(django_filters.FilterSet):
    def is_valid(self):
        valid = super().is_valid()
        unknown = sorted(set(self.data) - set(self.filters) - NOT_FILTERS)
        for name in unknown:
            self.form.add_error(
                None,
                _("There is no filter “%(name)s” here; the filters are: %(known)s.")
                % {"name": name, "known": ", ".join(sorted(self.filters))},
            )
        return valid and not unknown


def _listed_stars():
    return [
        (stars, f"{stars}★")
        for stars in sorted(settings.OCOP_STAR_BANDS)
        if stars >= settings.OCOP_LISTED_MIN_STARS
    ]


def _all_stars():
    return [(stars, f"{stars}★") for stars in sorted(settings.OCOP_STAR_BANDS)]


class ProductFilter(StrictFilterSet):
    province = province_filter(method="by_province")
    group = OneMatchFilter(
        queryset=selectors.product_group_choices(),
        to_field_name="slug",
        help_text="/api/v1/groups/ (slug)",
        method="by_group",
        label=_("OCOP product group"),
    )
    stars = StarsFilter(choices=_listed_stars, coerce=int, method="by_stars", label=_("stars"))
    producer = django_filters.NumberFilter(method="by_producer", label=_("producer"))
    updated_since = django_filters.DateTimeFilter(method="by_update", label=_("updated since"))

    def by_province(self, products, name, province):
        return products.filter(
            pk__in=selectors.listable_products_of_province(province).values("pk")
        )

    def by_group(self, products, name, group):
        return selectors.products_in_group(products, group)

    def by_stars(self, products, name, stars: int):
        return selectors.products_rated(products, stars)

    def by_producer(self, products, name, producer_id):
        return products.filter(
            Exists(selectors.producers_of(OuterRef("pk")).filter(pk=producer_id))
        )

    def by_update(self, products, name, since):
        return selectors.products_changed_since(products, since)


class ProducerFilter(StrictFilterSet):
    province = province_filter(field_name="province")


class CertificateFilter(StrictFilterSet):
    province = province_filter(method="by_province")
    stars = StarsFilter(choices=_all_stars, coerce=int, field_name="stars", label=_("stars"))
    status = django_filters.ChoiceFilter(
        choices=[(s, Certificate.Status(s).label) for s in Certificate.DECIDED],
        method="by_status",
        label=_("status"),
    )
    number = django_filters.CharFilter(
        method="by_number", label=_("decision or certificate number")
    )
    product = django_filters.NumberFilter(field_name="product_id", label=_("product"))
    updated_since = django_filters.DateTimeFilter(method="by_update", label=_("updated since"))

    def by_province(self, certificates, name, province):
        return certificates.filter(province_code=province.pk)

    def by_status(self, certificates, name, status):
        # What the public reads today: a valid certificate past its end date is expired.
        today = selectors.today()
        lapsed = Q(status=Certificate.Status.VALID, valid_until__lt=today)
        if status == Certificate.Status.VALID:
            return certificates.filter(status=status).exclude(lapsed)
        if status == Certificate.Status.EXPIRED:
            return certificates.filter(Q(status=status) | lapsed)
        return certificates.filter(status=status)

    def by_number(self, certificates, name, number):
        matching = selectors.certificates_matching(number=number)
        return certificates.filter(pk__in=matching.values("pk"))

    def by_update(self, certificates, name, since):
        return certificates.filter(
            Q(created_at__gte=since) | Q(status_changed_at__gte=since) | Q(reviewed_at__gte=since)
        )


class PlaceFilter(StrictFilterSet):
    province = province_filter(field_name="commune__province")


class FairFilter(PlaceFilter):
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", _("upcoming")), ("past", _("past"))],
        method="by_when",
        label=_("when"),
    )

    def by_when(self, fairs, name, when):
        today = selectors.today()
        if when == "past":
            return fairs.filter(end_date__lt=today)
        return fairs.filter(end_date__gte=today)
