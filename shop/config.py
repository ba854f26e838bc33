"""Oscar's root app, with the storefront routes that would show products outside the
listing rule switched off.

Oscar ships pages that render products from their own querysets: ranges and offers (a
range's products), wishlists (private and shared), product alerts, and reviews. None of
them asks catalog.selectors, so an expired, revoked or hidden product would appear there
with its name, price and picture. We do not use these features, so their routes are not
served at all; tests/functional/catalog/test_oscar_routes.py walks the URL resolver so a
route added later cannot slip past unnoticed.
"""

from django.urls import URLPattern, URLResolver
from oscar import config

# Whole URL namespaces (Oscar apps) that are not served.
SWITCHED_OFF_APPS = ("offer", "wishlists")

# Single routes, by "namespace:name", inside apps that are otherwise served.
SWITCHED_OFF_ROUTES = frozenset(
    {
        "catalogue:range",
        "customer:alerts-list",
        "customer:alert-create",
        "customer:alerts-confirm",
        "customer:alerts-cancel-by-key",
        "customer:alerts-cancel-by-pk",
        "customer:wishlists-list",
        "customer:wishlists-add-product",
        "customer:wishlists-create",
        "customer:wishlists-create-with-product",
        "customer:wishlists-detail",
        "customer:wishlists-update",
        "customer:wishlists-delete",
        "customer:wishlists-remove-product",
        "customer:wishlists-move-product-to-another",
        # Django's flat pages: a second, unsanitised page editor beside Wagtail.
        "dashboard:page-list",
        "dashboard:page-create",
        "dashboard:page-update",
        "dashboard:page-delete",
    }
)
# Reviews are hidden the Oscar way (OSCAR_HIDDEN_FEATURES), which also hides their links.


def without_switched_off(patterns, namespace: str | None = None) -> list:
    """The URL patterns minus the switched-off apps and routes, recursively."""
    kept = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SWITCHED_OFF_APPS:
                continue
            inner = without_switched_off(pattern.url_patterns, pattern.namespace or namespace)
            # Django copies a resolver's patterns lazily from its urlconf; rebuild it.
            kept.append(
                URLResolver(
                    pattern.pattern,
                    inner,
                    pattern.default_kwargs,
                    pattern.app_name,
                    pattern.namespace,
                )
            )
        elif isinstance(pattern, URLPattern) and f"{namespace}:{pattern.name}" in (
            SWITCHED_OFF_ROUTES
        ):
            continue
        else:
            kept.append(pattern)
    return kept


class Shop(config.Shop):
    def get_urls(self):
        return without_switched_off(super().get_urls())
