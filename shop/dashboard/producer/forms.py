"""The producer's forms. Field lists are explicit (a translated field such as title_en is
added by naming it here and in the service's list)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog import selectors
from catalog.fields import ValidatedImageFormField
from catalog.models import Batch, Certificate
from catalog.services.products import PRODUCT_FIELDS

Product = get_model("catalogue", "Product")

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMBER = {"inputmode": "numeric", "pattern": "[0-9]*"}


class ProductForm(forms.ModelForm):
    """A product's listing: the model's own fields (PRODUCT_FIELDS), its OCOP group, and on
    creation its first price, stock level and picture."""

    product_group = forms.ModelChoiceField(
        queryset=selectors.product_group_choices(), label=_("OCOP product group")
    )
    image = ValidatedImageFormField(
        label=_("Add a picture"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 10 MB."),
    )

    class Meta:
        model = Product
        fields = list(PRODUCT_FIELDS)  # title, description, is_public
        labels = {"is_public": _("Shown in the shop (once its certificate is valid)")}
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = True
        self.fields["product_group"].queryset = selectors.product_group_choices()
        if self.instance.pk:
            self.initial.setdefault(
                "product_group", self.instance.categories.values_list("pk", flat=True).first()
            )

    def _post_clean(self):
        # The service validates the product whole (its class is chosen from the group there);
        # the form's blank instance has no class yet.
        pass


class NewProductForm(ProductForm):
    price = forms.IntegerField(
        label=_("Price (VND)"), min_value=1_000, widget=forms.TextInput(attrs=NUMBER)
    )
    num_in_stock = forms.IntegerField(
        label=_("In stock"), min_value=0, initial=0, widget=forms.TextInput(attrs=NUMBER)
    )


class StockForm(forms.Form):
    num_in_stock = forms.IntegerField(
        label=_("In stock"), min_value=0, widget=forms.TextInput(attrs=NUMBER)
    )
    price = forms.IntegerField(
        label=_("Price (VND)"), min_value=1_000, widget=forms.TextInput(attrs=NUMBER)
    )


class BatchForm(forms.ModelForm):
    class Meta:
        model = Batch
        fields = [
            "product",
            "lot_code",
            "produced_on",
            "best_before",
            "quantity",
            "unit",
            "origin_area",
            "growing_area_code",
            "inputs",
            "standards",
        ]
        widgets = {
            "produced_on": DATE,
            "best_before": DATE,
            "inputs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, producer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = selectors.products_of(producer)
        if self.instance.pk:
            # A printed stamp names this product: it never moves to another.
            del self.fields["product"]


class CertificateForm(forms.ModelForm):
    """A new or renewed OCOP decision, as printed on it, with its scan."""

    class Meta:
        model = Certificate
        fields = [
            "product",
            "stars",
            "score",
            "criteria_version",
            "criteria_set",
            "level",
            "issuing_body",
            "decision_number",
            "decision_date",
            "number",
            "valid_until",
            "scan",
        ]
        widgets = {"decision_date": DATE, "valid_until": DATE}
        help_texts = {
            "valid_until": _("Leave empty: 36 months from the decision date."),
            "scan": _("The signed decision: a PDF or a photo (JPEG, PNG, WebP), at most 10 MB."),
        }

    def __init__(self, *args, producer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = selectors.products_of(producer)
        self.fields["scan"].required = True
        self.fields["valid_until"].required = False
        self.fields["stars"].widget = forms.Select(choices=[(n, "★" * n) for n in range(3, 6)])

    def _post_clean(self):
        # The service validates the decision as a whole (score within the star's band,
        # 5★ only central); the model's own checks run there, once.
        pass
