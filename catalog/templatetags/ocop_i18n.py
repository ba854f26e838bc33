"""Content written in two languages: `{% translated product "title" %}` prints the field in
the page's language; where only the Vietnamese is written, an English page shows it marked as
such (lang="vi" for screen readers, and a visible "(in Vietnamese)")."""

from django import template
from modeltranslation.utils import get_language

from catalog.translation import shown_language

register = template.Library()


@register.inclusion_tag("catalog/partials/translated.html")
def translated(obj, field, html=False):
    """`html=True` for rich text (a description, a story section): printed through the one
    sanitiser, in a block."""
    language = shown_language(obj, field)
    return {
        "value": getattr(obj, field),
        "fallback": language if language != get_language() else "",
        "html": html,
    }
