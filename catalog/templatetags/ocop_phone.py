"""Phone numbers as Vietnamese people write them, `0912 345 678`, `024 3825 1234`,
`1900 1234`, whichever way they were typed or stored (`+84912345678`, `0912.345.678`),
with `tel:` links a phone dials from anywhere. Google's `phonenumbers` (behind Oscar's
phone fields) knows Vietnam's numbering plan; no number is formatted by hand.

    {% load ocop_phone %}
    <a href="{{ producer.phone|tel_uri }}">{{ producer.phone|phone }}</a>
"""

import phonenumbers
from django import template
from django.conf import settings

register = template.Library()


def _parsed(value) -> phonenumbers.PhoneNumber | None:
    """The number in `value` (a string as typed, or a PhoneNumber from a phone field), read
    in Vietnam unless it says its country; None when it is not a number."""
    if isinstance(value, phonenumbers.PhoneNumber):
        number = value
    else:
        try:
            number = phonenumbers.parse(str(value or ""), settings.PHONENUMBER_DEFAULT_REGION)
        except phonenumbers.NumberParseException:
            return None
    return number if phonenumbers.is_possible_number(number) else None


@register.filter
def phone(value) -> str:
    """`+84912345678` → `0912 345 678`; a number abroad keeps its country code
    (`+33 1 42 68 53 00`); text that is not a number is shown as typed."""
    number = _parsed(value)
    if number is None:
        return "" if value is None else str(value)
    home = phonenumbers.country_code_for_region(settings.PHONENUMBER_DEFAULT_REGION)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


@register.filter
def tel_uri(value) -> str:
    """`tel:+84912345678` (E.164), so the link dials from a foreign SIM too; a number the
    numbering plan says cannot be dialled from abroad keeps its national digits."""
    number = _parsed(value)
    if number is None:
        return ""
    if phonenumbers.can_be_internationally_dialled(number):
        return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return "tel:" + phonenumbers.national_significant_number(number)
