"""Producer stories and certificate texts in two languages (django-modeltranslation). The
story's rich text passes the one sanitiser in each language: the translated fields are
SanitisedHTMLFields too."""

from django.conf import settings
from modeltranslation.settings import FALLBACK_LANGUAGES
from modeltranslation.translator import TranslationOptions, register, translator
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

from catalog.models import Certificate, Producer


@register(Producer)
class ProducerTranslation(TranslationOptions):
    fields = Producer.STORY_FIELDS


@register(Certificate)
class CertificateTranslation(TranslationOptions):
    fields = ("issuing_body",)


def shown_language(obj, field: str) -> str:
    """The language `obj.<field>` is shown in now: the page's own, or the one it falls back
    to (Vietnamese) where nothing is written in the page's language. Pages mark such text
    (lang attribute and a visible note: catalog/templatetags/ocop_i18n.py)."""
    current = get_language()
    for language in resolution_order(current, FALLBACK_LANGUAGES):
        if getattr(obj, build_localized_fieldname(field, language), None):
            return language
    return current


def english(name: str) -> str:
    """The English column of a translated field: "title" → "title_en"."""
    return build_localized_fieldname(name, "en")


def as_columns(model, fields: dict) -> dict:
    """Values for a write by a service: a translated field named plainly ("title",
    "story_village") is the Vietnamese text of record ("title_vi"), whatever language the
    page that sent it was in; "title_en" is the English one."""
    translated = translator.get_options_for_model(model).all_fields
    return {
        build_localized_fieldname(name, settings.LANGUAGE_CODE) if name in translated else name: (
            value
        )
        for name, value in fields.items()
    }
