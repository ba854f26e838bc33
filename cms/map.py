"""The places on the map (points of sale, fairs, tourism): one shape, drawn twice from the same
list — as the plain HTML list beside the map (works without JavaScript) and as GeoJSON
(RFC 7946) for the Leaflet markers."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cms.models.fairs import upcoming_fairs
from cms.models.points_of_sale import points_of_sale
from cms.models.tourism import tourism_pages

KIND_LABELS = {
    "point_of_sale": _("Point of sale"),
    "fair": _("Fair"),
    "tourism": _("Community tourism"),
}


@dataclass(frozen=True)
class MapPlace:
    kind: str
    title: str
    url: str
    latitude: float
    longitude: float
    address: str
    province: str  # Province.codename
    province_name: str
    detail: str  # the kind of point of sale, or a fair's dates
    open_now: bool | None  # None: not a place with opening hours

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    def feature(self) -> dict:
        return {
            "type": "Feature",
            # GeoJSON writes longitude first.
            "geometry": {"type": "Point", "coordinates": [self.longitude, self.latitude]},
            "properties": {
                "kind": self.kind,
                "kind_label": self.kind_label,
                "title": self.title,
                "url": self.url,
                "address": self.address,
                "province": self.province,
                "province_name": self.province_name,
                "detail": self.detail,
                "open_now": self.open_now,
            },
        }


def _place(page, *, kind: str, detail: str, open_now=None) -> MapPlace:
    province = page.commune.province
    return MapPlace(
        kind=kind,
        title=page.title,
        url=page.get_url() or "",
        latitude=float(page.latitude),
        longitude=float(page.longitude),
        address=page.address,
        province=province.codename,
        province_name=province.short_name,
        detail=detail,
        open_now=open_now,
    )


def _dates(fair) -> str:
    if fair.start_date == fair.end_date:
        return fair.start_date.strftime("%d/%m/%Y")
    return f"{fair.start_date:%d/%m} – {fair.end_date:%d/%m/%Y}"


def map_places(
    *,
    province=None,
    kinds=("point_of_sale", "fair", "tourism"),
    at: datetime.datetime | None = None,
) -> list[MapPlace]:
    """Every live place of those kinds (in one province if given), in the reader's language;
    "open now" is worked out for `at` (now by default)."""
    places = []
    if "point_of_sale" in kinds:
        shops = points_of_sale(province=province).prefetch_related(
            "opening_hours", "opening_exceptions"
        )
        places += [
            _place(
                shop,
                kind="point_of_sale",
                detail=shop.get_kind_display(),
                open_now=shop.is_open(at),
            )
            for shop in shops
        ]
    if "fair" in kinds:
        places += [
            _place(fair, kind="fair", detail=_dates(fair))
            for fair in upcoming_fairs(province=province)
        ]
    if "tourism" in kinds:
        places += [
            _place(page, kind="tourism", detail=page.seasons)
            for page in tourism_pages(province=province)
        ]
    return sorted(places, key=lambda place: (place.province_name, place.kind, place.title))


def feature_collection(places: list[MapPlace]) -> dict:
    return {"type": "FeatureCollection", "features": [place.feature() for place in places]}
