"""What CMS templates ask of the catalog: always the listing rule's answer at render time."""

from django import template

from catalog import selectors

register = template.Library()


@register.simple_tag
def listable_cards(products):
    """The listable ones among products a block chose, in order, as product cards."""
    return selectors.listable_products_chosen([product.pk for product in products if product])


@register.simple_tag
def listed_producers(producers):
    """The producers among those a block chose that have a listed product."""
    return selectors.producers_chosen([producer.pk for producer in producers if producer])
