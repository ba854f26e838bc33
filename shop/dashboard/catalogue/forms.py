"""Oscar's staff product and category forms with the English texts beside the Vietnamese
(issue 12). The plain fields ("title", "name") hold the Vietnamese text of record, even on a
dashboard read in English, as in the producer portal (shop/dashboard/producer/forms.py)."""

from django.conf import settings
from django.utils import translation
from oscar.apps.dashboard.catalogue import forms as oscar_forms

from shop.dashboard.languages import IN_ENGLISH_HELP, show_vietnamese


class VietnameseOfRecord:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_vietnamese(self)
        for name, field in self.fields.items():
            if name.endswith("_en"):
                field.help_text = IN_ENGLISH_HELP

    def _post_clean(self):
        # Oscar's form sets `title` on the product: the Vietnamese column, whatever the
        # page's language.
        with translation.override(settings.LANGUAGE_CODE):
            super()._post_clean()


class ProductForm(VietnameseOfRecord, oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = [
            "title",
            "title_en",
            "upc",
            "description",
            "description_en",
            *(
                f
                for f in oscar_forms.ProductForm.Meta.fields
                if f not in ("title", "upc", "description")
            ),
        ]


class CategoryForm(VietnameseOfRecord, oscar_forms.CategoryForm):
    class Meta(oscar_forms.CategoryForm.Meta):
        fields = [
            "name",
            "name_en",
            *(f for f in oscar_forms.CategoryForm.Meta.fields if f != "name"),
        ]
