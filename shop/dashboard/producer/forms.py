"""The producer's forms. Field lists are explicit. Content is written in two languages: a
translated field's plain name ("title") is the Vietnamese text, "title_en" the English one
(catalog/translation.py); both are shown here whatever the dashboard's own language."""

from django import forms
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog import selectors
from catalog.fields import ValidatedImageFormField
from catalog.models import Batch, Certificate, Producer
from catalog.services.producers import STORY_FORM_FIELDS
from catalog.services.products import PRODUCT_FIELDS
from catalog.translation import english
from shop.dashboard.languages import IN_ENGLISH_HELP, show_vietnamese

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
        fields = list(PRODUCT_FIELDS)  # title, description (Vietnamese), their English, is_public
        labels = {
            "title": _("Product name (Vietnamese)"),
            "description": _("Description (Vietnamese)"),
            "title_en": _("Product name (English)"),
            "description_en": _("Description (English)"),
            "is_public": _("Shown in the shop (once its certificate is valid)"),
        }
        help_texts = {"title_en": IN_ENGLISH_HELP, "description_en": IN_ENGLISH_HELP}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5, "lang": "vi"}),
            "description_en": forms.Textarea(attrs={"rows": 5, "lang": "en"}),
            "title": forms.TextInput(attrs={"lang": "vi"}),
            "title_en": forms.TextInput(attrs={"lang": "en"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_vietnamese(self)
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
            "issuing_body_en",
            "decision_number",
            "decision_date",
            "number",
            "valid_until",
            "scan",
        ]
        widgets = {"decision_date": DATE, "valid_until": DATE}
        labels = {
            "issuing_body": _("Issuing body (Vietnamese, as printed)"),
            "issuing_body_en": _("Issuing body (English)"),
        }
        help_texts = {
            "issuing_body_en": IN_ENGLISH_HELP,
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


class StoryForm(forms.ModelForm):
    """The product story, section by section, in Vietnamese and in English."""

    class Meta:
        model = Producer
        fields = list(STORY_FORM_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 4, "lang": "en" if name.endswith("_en") else "vi"})
            for name in STORY_FORM_FIELDS
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_vietnamese(self)
        for name in Producer.STORY_FIELDS:
            heading = Producer._meta.get_field(name).verbose_name
            heading = capfirst(heading)
            self.fields[name].label = format_lazy(_("{heading} (Vietnamese)"), heading=heading)
            self.fields[english(name)].label = format_lazy(
                _("{heading} (English)"), heading=heading
            )
            self.fields[english(name)].help_text = IN_ENGLISH_HELP

    def _post_clean(self):
        # The service sets each language's column and validates (and sanitises) the producer.
        pass
