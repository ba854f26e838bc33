from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from catalog import selectors
from search.backends import storefront_version


def product_groups(request):
    """The product-group menu of every storefront page (catalog's), kept in the cache under
    the storefront version, which any change to a category bumps (search/migrations/0005):
    the version is read once per request anyway, so the menu costs no query."""

    def groups():
        key = f"menu:product-groups:{storefront_version()}"
        found = cache.get(key)
        if found is None:
            found = list(selectors.product_groups())
            cache.set(key, found, 3600)
        return found

    return {"product_groups": SimpleLazyObject(groups)}
