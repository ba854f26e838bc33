"""Printing Wagtail rich text: `{% load cms_rich_text %}{{ page.body|sanitised_richtext }}`,
in place of Wagtail's `|richtext`, which prints the stored source as it is."""

from django import template
from wagtail.rich_text import RichText

from cms.rich_text import render

register = template.Library()


@register.filter
def sanitised_richtext(value):
    """A rich-text field's value (or a block's) expanded by Wagtail and sanitised, however
    it was stored."""
    if isinstance(value, RichText):
        value = value.source
    return render(value)
