"""Places on the map: a point must lie inside Việt Nam (settings.OCOP_VIETNAM_BOUNDS)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def in_vietnam(latitude, longitude) -> bool:
    bounds = settings.OCOP_VIETNAM_BOUNDS
    return (
        bounds["south"] <= float(latitude) <= bounds["north"]
        and bounds["west"] <= float(longitude) <= bounds["east"]
    )


def validate_point(latitude: Decimal | None, longitude: Decimal | None) -> None:
    """Both coordinates or neither, and inside Việt Nam; the message says which is wrong."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        missing = "latitude" if latitude is None else "longitude"
        raise ValidationError({missing: _("Give both latitude and longitude, or neither.")})
    if not in_vietnam(latitude, longitude):
        bounds = settings.OCOP_VIETNAM_BOUNDS
        message = _(
            "This point (%(lat)s, %(lng)s) is outside Việt Nam: latitude must be between "
            "%(south)s and %(north)s and longitude between %(west)s and %(east)s. Check that "
            "latitude and longitude are not swapped."
        ) % {"lat": latitude, "lng": longitude, **bounds}
        raise ValidationError({"latitude": message, "longitude": message})
