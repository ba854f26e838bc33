"""Oscar's add-to-basket form, with a booking date a phone can pick and that cannot be in
the past (Oscar's default, three selects preset to 1 January, books a past day silently)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.basket import forms as oscar_forms
from oscar.core.loading import get_model

Option = get_model("catalogue", "Option")


def _not_in_the_past(value):
    if value < timezone.localdate():
        raise ValidationError(_("Choose a date from today on."), code="past_date")


def _option_date_field(form, product, option):
    return forms.DateField(
        label=option.name,
        required=option.required,
        help_text=option.help_text,
        widget=forms.DateInput(
            format="%Y-%m-%d",
            attrs={"type": "date", "min": timezone.localdate().isoformat()},
        ),
        validators=[_not_in_the_past],
    )


class AddToBasketForm(oscar_forms.AddToBasketForm):
    OPTION_FIELD_FACTORIES = {
        **oscar_forms.AddToBasketForm.OPTION_FIELD_FACTORIES,
        Option.DATE: _option_date_field,
    }

    def cleaned_options(self):
        # Oscar asks the database for the options even when the product has none.
        if not self.parent_product.has_options:
            return []
        return super().cleaned_options()


class SimpleAddToBasketForm(oscar_forms.SimpleAddToBasketMixin, AddToBasketForm):
    pass


class BasketLineForm(oscar_forms.BasketLineForm):
    """A line's quantity is at least 1: removing a line is its own button (DELETE), so a
    mistyped 0 or a negative number is refused with a message, not a silent removal."""

    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=1,
        error_messages={"min_value": _("Enter a quantity of at least 1.")},
    )
