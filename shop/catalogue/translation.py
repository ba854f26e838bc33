"""Product content in two languages (django-modeltranslation): title_vi/title_en and so on.
Reading `product.title` gives the page's language, or the Vietnamese where no English is
written; the rich text in every language goes through the one sanitiser (SanitisedHTMLField
is the translated fields' class too)."""

from modeltranslation.translator import TranslationOptions, register
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


@register(Product)
class ProductTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)
