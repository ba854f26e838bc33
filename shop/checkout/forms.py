from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import *  # noqa: F403  (Oscar's checkout forms, unchanged)

from shop.address.forms import ShippingAddressForm  # noqa: F401  (the Vietnamese address)


class PaymentMethodForm(forms.Form):
    """The payment methods whose settings are present, each with why it cannot pay this
    order when it cannot (cash on delivery above its cap)."""

    method = forms.ChoiceField(label=_("How will you pay?"), widget=forms.RadioSelect)

    def __init__(self, *args, methods, total, **kwargs):
        super().__init__(*args, **kwargs)
        self.offers = {m.code: (m, m.offer(total=total)) for m in methods}
        self.fields["method"].choices = [(m.code, m.name) for m in methods]

    def clean_method(self):
        code = self.cleaned_data["method"]
        method, offer = self.offers[code]
        if not offer.allowed:
            raise forms.ValidationError(offer.reason)
        return code
