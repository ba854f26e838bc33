"""Oscar's catalogue models, changed only where people type HTML or upload pictures: those
pass the shop's one sanitiser and one image rule (catalog.validators) whatever saves them."""

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import (
    AbstractCategory,
    AbstractProduct,
    AbstractProductAttribute,
    AbstractProductAttributeValue,
    AbstractProductImage,
)
from oscar.utils.models import get_image_upload_path

from catalog.fields import SanitisedHTMLField, ValidatedImageField
from catalog.validators import sanitise_rich_text, validate_image


class Category(AbstractCategory):
    description = SanitisedHTMLField(_("Description"), blank=True)
    long_description = SanitisedHTMLField(_("Long description"), blank=True)
    image = ValidatedImageField(
        _("Image"), upload_to="categories", blank=True, null=True, max_length=255
    )


class Product(AbstractProduct):
    description = SanitisedHTMLField(_("Description"), blank=True)


class ProductAttribute(AbstractProductAttribute):
    def _validate_image(self, value):
        # Image attributes are saved without the model's field validators (Oscar stores
        # them through product.attr); Product.clean() calls this for each one.
        super()._validate_image(value)
        if value:
            validate_image(value)


class ProductAttributeValue(AbstractProductAttributeValue):
    value_richtext = SanitisedHTMLField(_("Richtext"), blank=True, null=True)

    @property
    def _richtext_as_html(self):
        return mark_safe(sanitise_rich_text(self.value))  # noqa: S308  sanitised just here


class ProductImage(AbstractProductImage):
    original = ValidatedImageField(_("Original"), upload_to=get_image_upload_path, max_length=255)


from oscar.apps.catalogue.models import *  # noqa: E402, F403  Oscar's other models, unchanged
