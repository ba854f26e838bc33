"""A carrier quotes one producer's parcel. The rate table is the default carrier; a
courier's API (GHN, GHTK, Viettel Post) is another class with the same `quote`, named in
SHIPPING_CARRIER, and checkout does not change."""

import math
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from catalog.models import Province
from shop.shipping.models import ProvinceRegion, ShippingRate, Zone


@dataclass(frozen=True)
class Parcel:
    origin: Province
    destination: Province
    weight_grams: int


@dataclass(frozen=True)
class Quote:
    carrier: str
    charge: int  # VND
    days_min: int
    days_max: int


class NoQuote(Exception):
    """The carrier does not deliver this parcel; the message says why, to the shopper."""


class Carrier(Protocol):
    code: str
    name: str

    def quote(self, parcel: Parcel) -> Quote: ...


class RateTableCarrier:
    """Prices from the staff-edited table (ShippingRate): zone by the producer's and the
    shopper's provinces and their regions, then the weight band."""

    code = "rate-table"
    name = _("Delivery arranged by the producer")

    def zone(self, parcel: Parcel) -> str:
        if parcel.origin.pk == parcel.destination.pk:
            return Zone.SAME_PROVINCE
        regions = dict(
            ProvinceRegion.objects.filter(
                province__in=[parcel.origin.pk, parcel.destination.pk]
            ).values_list("province", "region")
        )
        same = regions.get(parcel.origin.pk) == regions.get(parcel.destination.pk) is not None
        return Zone.SAME_REGION if same else Zone.OTHER_REGION

    def quote(self, parcel: Parcel) -> Quote:
        bands = list(ShippingRate.objects.filter(zone=self.zone(parcel)))
        if not bands:
            raise NoQuote(
                _("Delivery to %(province)s is not available yet.")
                % {"province": parcel.destination.name}
            )
        band = next((b for b in bands if parcel.weight_grams <= b.max_weight_grams), None)
        if band is None:
            band = bands[-1]
            extra_kg = math.ceil((parcel.weight_grams - band.max_weight_grams) / 1000)
            charge = band.charge + extra_kg * band.charge_per_extra_kg
        else:
            charge = band.charge
        return Quote(self.code, charge, band.days_min, band.days_max)


def get_carrier() -> Carrier:
    return import_string(settings.SHIPPING_CARRIER)()
