"""What makes an address Vietnamese: a recipient's mobile number, and today's province and
commune (the district level is gone since 1 July 2025) chosen from catalog's places."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


def vietnamese_mobile(value: str) -> str:
    """A Vietnamese mobile number in E.164 (+84…), from what a shopper types: 10 digits
    starting 03, 05, 07, 08 or 09 (spaces, dots and a +84 prefix are accepted).
    phonenumbers carries the numbering plan, so new prefixes come with its updates."""
    message = _("Enter a Vietnamese mobile number: 10 digits, e.g. 0912 345 678.")
    try:
        number = phonenumbers.parse(str(value), "VN")
    except phonenumbers.NumberParseException:
        raise ValidationError(message, code="phone") from None
    if (
        number.country_code != 84
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) not in MOBILE_TYPES
        or len(str(number.national_number)) != 9  # 0 + 9 digits = the 10 people dial
    ):
        raise ValidationError(message, code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def national_format(phone) -> str:
    """0912 345 678: how a Vietnamese courier reads a number."""
    if not phone:
        return ""
    number = phonenumbers.parse(str(phone), "VN")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


class VietnameseAddress(models.Model):
    """Province and commune of an address. Oscar's text fields keep their meaning for
    everything else that reads an address (summary, hash, search): `line4` holds the
    commune's name and `state` the province's, written from these two on save."""

    province = models.ForeignKey(
        "catalog.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    commune = models.ForeignKey(
        "catalog.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.commune_id:
            self.line4 = self.commune.name
        if self.province_id:
            self.state = self.province.name
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.commune_id and self.commune.province_id != self.province_id:
            raise ValidationError({"commune": _("This commune is not in the chosen province.")})
