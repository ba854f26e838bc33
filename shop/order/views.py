"""The guest's way back to an order: its number and the email it was placed with."""

from django import forms
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.core.loading import get_model

Order = get_model("order", "Order")


class OrderLookupForm(forms.Form):
    number = forms.CharField(label=_("Order number"), max_length=128)
    email = forms.EmailField(label=_("Email used for the order"))

    def clean(self):
        cleaned = super().clean()
        number, email = cleaned.get("number", "").strip(), cleaned.get("email", "")
        if number and email:
            self.order = Order.objects.filter(
                Q(guest_email__iexact=email) | Q(user__email__iexact=email), number=number
            ).first()
            if self.order is None:
                # The same answer whether the number or the email is wrong: no fishing.
                raise forms.ValidationError(_("No order matches that number and email."))
        return cleaned


class OrderLookupView(generic.FormView):
    template_name = "oscar/customer/order_lookup.html"
    form_class = OrderLookupForm

    def form_valid(self, form):
        order = form.order
        # Oscar's guest order page shows an order to the session that proved its email.
        self.request.session["anon_order_email"] = order.email
        return redirect(
            reverse(
                "customer:anon-order",
                kwargs={"order_number": order.number, "hash": order.verification_hash()},
            )
        )
