"""Reads of the OCOP catalog. The listing rule lives here, and only here."""

from django.db.models import QuerySet
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


def listable_products() -> QuerySet:
    """Products a shopper may see and buy: public, browsable (not variants).

    Every consumer of products (browse, category, detail, search, basket, checkout)
    goes through this queryset, so the rule has exactly one home.
    """
    return Product._default_manager.browsable().filter(is_public=True)


def product_cards(products: QuerySet) -> QuerySet:
    """What a product card shows (image, price, stock), fetched in a fixed number of queries."""
    return products.select_related("product_class").prefetch_related(
        "images", "stockrecords", "categories"
    )


def featured_products(*, limit: int = 8) -> QuerySet:
    return product_cards(listable_products().order_by("-date_created", "pk"))[:limit]


def product_groups() -> QuerySet:
    """Top-level public OCOP product groups, in taxonomy order (for menus)."""
    return Category.get_root_nodes().filter(is_public=True)


def products_in_category(*, category) -> QuerySet:
    return listable_products().filter(categories__in=category.get_descendants_and_self()).distinct()
