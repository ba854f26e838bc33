"""Oscar's catalogue models, changed only where people type HTML or upload pictures: those
pass the shop's one sanitiser and one image rule (catalog.validators) whatever saves them."""

import os

from django.contrib.staticfiles.finders import find
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import (
    AbstractCategory,
    AbstractProduct,
    AbstractProductAttribute,
    AbstractProductAttributeValue,
    AbstractProductImage,
    MissingProductImage,
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

    def get_full_slug(self, parent_slug=None):
        # Known when the category comes from the storefront's group tree (shop/catalogue/
        # groups.py); otherwise Oscar asks for the parent's, through its URL cache.
        known = getattr(self, "known_full_slug", None)
        return known if known is not None else super().get_full_slug(parent_slug)


class MissingImage(MissingProductImage):
    """Oscar links its "no picture" image into MEDIA_ROOT the first time a page needs it,
    checking then creating: several first page views at once raced and answered 500."""

    def symlink_missing_image(self, media_file_path):
        try:
            os.makedirs(os.path.dirname(media_file_path), exist_ok=True)
            os.symlink(find(f"oscar/img/{self.name}"), media_file_path)
        except FileExistsError:
            pass  # another request linked it first


class Product(AbstractProduct):
    description = SanitisedHTMLField(_("Description"), blank=True)

    def get_missing_image(self):
        return MissingImage()


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
