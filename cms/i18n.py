"""Pages in the reader's language: Vietnamese pages by default, their English copies (Wagtail's
simple translation) under /en/. Lists, the map and the calendar show a page in the reader's
language when it has been translated, and the Vietnamese page when not yet."""

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page


def _language_codes() -> tuple[str, str]:
    """(the reader's content language, the default one), as Wagtail's locales name them."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    try:
        active = get_supported_content_language_variant(translation.get_language() or default)
    except LookupError:
        active = default
    return active, default


def in_reading_language(pages):
    """The pages of `pages` in the active language, plus the default language's pages that
    have no translation among them (a place is listed once, in the best language there is).
    Filtered by language code, so it costs no query of its own."""
    active, default = _language_codes()
    if active == default:
        return pages.filter(locale__language_code=active)
    translated = pages.filter(locale__language_code=active).values("translation_key")
    return pages.filter(
        Q(locale__language_code=active)
        | (Q(locale__language_code=default) & ~Q(translation_key__in=translated))
    )


def translation_links(page) -> list[dict]:
    """For the language switcher: each language with the URL of this page's live translation,
    or of its nearest translated ancestor (the English home page at worst)."""
    ancestors = list(page.get_ancestors(inclusive=True).filter(depth__gt=1).order_by("-depth"))
    keys = [ancestor.translation_key for ancestor in ancestors]
    translations = Page.objects.live().filter(translation_key__in=keys).select_related("locale")
    by_language = {}
    for candidate in translations:
        by_language.setdefault(candidate.locale.language_code, {})[candidate.translation_key] = (
            candidate
        )
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        found = by_language.get(code, {})
        target = next((found[key] for key in keys if key in found), None)
        if target is None:
            continue
        links.append(
            {
                "code": code,
                "name": name,
                "url": target.get_url(),
                "full_url": target.get_full_url(),
                "current": code == current,
            }
        )
    return links
