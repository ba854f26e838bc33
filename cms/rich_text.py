"""Wagtail rich text that has passed the shop's one sanitiser (catalog.validators), on save
and on render. Page models use SanitisedRichTextField, StreamFields use
cms.blocks.SanitisedRichTextBlock, templates print a field with
`{% load cms_rich_text %}{{ page.body|sanitised_richtext }}`; Wagtail's own RichTextField,
RichTextBlock and `|richtext` are not used, so no page can print unsanitised text.

Wagtail stores rich text in a database format where links to pages and documents are
`<a linktype="page" id="3">` and pictures `<embed embedtype="image" id="7" .../>`, expanded
into real HTML when rendered. The stored source keeps exactly those references; the expanded
HTML keeps the formatting, links and the rendered <img>, and nothing that runs.
"""

import re

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.fields import RichTextField
from wagtail.rich_text import RichText, expand_db_html

from catalog.validators import sanitise_rich_text

# Wagtail's default editor features without "embed": an oEmbed (a video) renders the
# provider's HTML, iframes and scripts included, which no sanitiser can keep safe.
FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "hr",
    "link",
    "document-link",
    "image",
]

# What those features store besides the shop's plain rich text.
SOURCE_TAGS = frozenset({"hr", "embed"})
SOURCE_ATTRIBUTES = {"a": {"id"}, "embed": {"id", "format", "alt"}}
SOURCE_ATTRIBUTE_VALUES = {
    "a": {"linktype": {"page", "document"}},
    "embed": {"embedtype": {"image"}},
}
# What Wagtail expands them into: links (already allowed) and the picture's rendition.
RENDERED_TAGS = frozenset({"hr", "img"})
RENDERED_ATTRIBUTES = {
    "img": {"src", "alt", "class", "width", "height", "loading", "decoding"},
}

# The sanitiser writes void elements HTML5's way (`<embed ...>`); Wagtail only expands
# references written `<embed .../>`. Attribute values come out with < and > escaped.
_EMBED_TAG = re.compile(r"<embed\b([^>]*?)\s*/?>")


def _embed_reference(match: re.Match) -> str:
    # An embed whose type was refused (a video, a plugin) is dropped, not kept empty.
    return f"<embed{match.group(1)}/>" if "embedtype=" in match.group(1) else ""


def sanitise_source(html: str | None) -> str:
    """Wagtail's stored form of rich text, with only the formatting, links and picture
    references the editor itself produces."""
    clean = sanitise_rich_text(
        html,
        extra_tags=SOURCE_TAGS,
        extra_attributes=SOURCE_ATTRIBUTES,
        attribute_values=SOURCE_ATTRIBUTE_VALUES,
        link_rel=None,  # staff-written pages link where they mean to; no rel is stored
    )
    return _EMBED_TAG.sub(_embed_reference, clean)


def render(source: str | None) -> str:
    """The HTML a shopper sees: the source sanitised, its references expanded by Wagtail,
    and the result sanitised again, so an old row or a new link handler cannot add script."""
    expanded = expand_db_html(sanitise_source(source))
    html = sanitise_rich_text(
        expanded,
        extra_tags=RENDERED_TAGS,
        extra_attributes=RENDERED_ATTRIBUTES,
        link_rel=None,
    )
    return render_to_string("wagtailcore/shared/richtext.html", {"html": html})


class SanitisedRichText(RichText):
    """A rich-text value that renders through `render` ({{ value }}, {% include_block %},
    |richtext all end in __html__)."""

    def __html__(self):
        return render(self.source)

    def __str__(self):
        return mark_safe(self.__html__())  # noqa: S308  render() sanitised it


class SanitisedRichTextField(RichTextField):
    """Wagtail's RichTextField whose value is sanitised when validated (the admin's form,
    full_clean) and whenever the page is saved or published, whatever saves it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("features", FEATURES)
        super().__init__(*args, **kwargs)

    def clean(self, value, model_instance):
        # Here, not in to_python(), which Django also runs on query values (a lookup must
        # compare with what was typed); before validation, so that a required field the
        # sanitiser leaves empty is refused.
        value = self.to_python(value)
        if value is not None:
            value = sanitise_source(value)
        return super().clean(value, model_instance)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value is not None:
            value = sanitise_source(value)
            setattr(model_instance, self.attname, value)
        return value
