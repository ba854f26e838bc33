from django.utils.functional import SimpleLazyObject

from search.groups import group_tree, top_groups


def product_groups(request):
    """The product-group menu of every storefront page, from the cached group tree: the
    storefront version is read once per request anyway, so the menu costs no query."""
    return {"product_groups": SimpleLazyObject(lambda: top_groups(group_tree()))}
