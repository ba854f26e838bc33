from django.utils.functional import SimpleLazyObject

from catalog import selectors


def product_groups(request):
    """The product-group menu of every storefront page (queried only when drawn)."""
    return {"product_groups": SimpleLazyObject(lambda: list(selectors.product_groups()))}
