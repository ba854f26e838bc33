"""A star level drawn as stars: `{{ 4|star_symbols }}` is ★★★★ (the badge's visible part;
screen readers read the level from its words)."""

from django import template

register = template.Library()


@register.filter
def star_symbols(stars) -> str:
    return "★" * int(stars)
