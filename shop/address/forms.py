"""Address forms for Vietnam: recipient, mobile number, street, province and commune
(a dependent select that works without JavaScript: choosing a province and pressing
"Show communes" re-renders the form with that province's communes; with JavaScript the
list follows the province at once), optional 5-digit postcode."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog.models import Commune, Province
from shop.address.vietnam import national_format, vietnamese_mobile

Country = get_model("address", "Country")
UserAddress = get_model("address", "UserAddress")

FIELDS = ["first_name", "phone_number", "line1", "province", "commune", "postcode", "notes"]


def vietnam() -> Country:
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "printable_name": "Việt Nam",
            "name": "Cộng hoà Xã hội Chủ nghĩa Việt Nam",
            "is_shipping_country": True,
        },
    )
    return country


class VietnameseAddressForm(forms.ModelForm):
    first_name = forms.CharField(label=_("Recipient's full name"), max_length=255)
    phone_number = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("The courier calls this number."),
    )
    line1 = forms.CharField(label=_("House number, street, hamlet"), max_length=255)
    province = forms.ModelChoiceField(
        Province.objects.all(), label=_("Province or city"), empty_label=_("Choose a province")
    )
    commune = forms.ModelChoiceField(
        Commune.objects.all(), label=_("Commune or ward"), empty_label=_("Choose a commune")
    )
    postcode = forms.CharField(
        label=_("Postcode (optional)"),
        required=False,
        validators=[RegexValidator(r"^\d{5}$", _("A Vietnamese postcode has 5 digits."))],
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.phone_number and not self.is_bound:
            self.initial["phone_number"] = national_format(self.instance.phone_number)
        self.fields["notes"].widget = forms.Textarea(attrs={"rows": 2})
        self.fields["notes"].label = _("Notes for the courier (optional)")
        province = self.chosen_province()
        # Every commune validates (so a commune of another province gets the clear message
        # below, not "invalid choice"); only the chosen province's are listed.
        communes = Commune.objects.filter(province=province) if province else Commune.objects.none()
        self.fields["commune"].widget.choices = [("", _("Choose a commune"))] + [
            (c.pk, c.name) for c in communes
        ]
        self.fields["province"].widget.attrs["data-communes-for"] = "commune"

    def chosen_province(self) -> Province | None:
        raw = None
        if self.is_bound:
            raw = self.data.get(self.add_prefix("province"))
        else:
            raw = self.initial.get("province") or self.instance.province_id
        if isinstance(raw, Province):
            return raw
        try:
            return Province.objects.filter(pk=int(raw)).first() if raw else None
        except (TypeError, ValueError):
            return None

    def clean_phone_number(self):
        return vietnamese_mobile(self.cleaned_data["phone_number"])

    def clean(self):
        cleaned = super().clean()
        province, commune = cleaned.get("province"), cleaned.get("commune")
        if province and commune and commune.province_id != province.pk:
            self.add_error(
                "commune",
                ValidationError(
                    _("%(commune)s is not in %(province)s: choose a commune of that province.")
                    % {"commune": commune.name, "province": province.name},
                    code="commune_province",
                ),
            )
        return cleaned

    def _post_clean(self):
        self.instance.country = vietnam()
        super()._post_clean()


class ShippingAddressForm(VietnameseAddressForm):
    class Meta:
        model = get_model("order", "ShippingAddress")
        fields = FIELDS


class UserAddressForm(VietnameseAddressForm):
    class Meta:
        model = UserAddress
        fields = FIELDS + ["is_default_for_shipping"]

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
