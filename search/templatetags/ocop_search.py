from django import template

from search import groups

register = template.Library()

# A category's ancestors and sub-groups, from the cached group tree (search/groups.py).
register.filter("group_trail", groups.trail)
register.filter("group_children", groups.children)


@register.filter
def band_bounds(key: str):
    """A price band key as (lowest, highest), None where open or zero:
    "0-100000" → (None, 100000); "500000-" → (500000, None)."""
    low, _, high = key.partition("-")
    return (int(low) if low and int(low) else None, int(high) if high else None)
