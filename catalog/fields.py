"""Model fields that hold what people type or upload, checked by construction."""

from django import forms
from django.db import models

from catalog.validators import sanitise_rich_text, validate_image


class SanitisedHTMLField(models.TextField):
    """A text column for HTML that a person typed (a product description, a producer's story).

    The value passes the one sanitiser when the row is validated (full_clean: forms and
    services) and again whenever it is saved, whatever saves it: the dashboard, django-admin,
    a service, the shell. Rows written around save() (a queryset update, a fixture) are
    sanitised when rendered, by the `sanitised` template filter.
    """

    def clean(self, value, model_instance):
        # Here, not in to_python(), which Django also runs on query values (a lookup must
        # compare with what was typed); before validation, so that a required field the
        # sanitiser leaves empty is refused.
        value = self.to_python(value)
        if value is not None:
            value = sanitise_rich_text(value)
        return super().clean(value, model_instance)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value is not None:
            value = sanitise_rich_text(value)
            # Into the instance's own value, not through setattr: on a translated field
            # (catalog/translation.py) setattr would write the page's language, copying the
            # Vietnamese it fell back to into an empty English column. Each language's
            # column (description_vi, description_en) is a SanitisedHTMLField of its own.
            model_instance.__dict__[self.attname] = value
        return value


class ValidatedImageFormField(forms.ImageField):
    def to_python(self, data):
        # The shop's rule first: Django's own check would refuse a decompression bomb too,
        # but as "not an image or a corrupted image", which tells nobody what to fix.
        if data not in self.empty_values:
            validate_image(data)
        return super().to_python(data)


class ValidatedImageField(models.ImageField):
    """An uploaded picture under the shop's one image rule (catalog.validators.validate_image:
    JPEG, PNG or WebP, OCOP_IMAGE_MAX_BYTES, OCOP_IMAGE_MAX_PIXELS, no bombs), checked by
    its forms (the dashboards, django-admin) and by full_clean (the services)."""

    default_validators = [validate_image]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ValidatedImageFormField, **kwargs})
