"""The public product groups (Oscar categories) as one tree, read in one query and kept in
the cache under the storefront version, which any change to a category bumps (search/
migrations/0005): the header's group menu and a product page's breadcrumbs both come from
it, and each group knows its full slug, so no link asks for its ancestors again."""

from django.core.cache import cache

from catalog import selectors
from search.backends import storefront_version


def group_tree() -> list:
    """Every browsable category, in taxonomy order (treebeard paths)."""
    key = f"menu:group-tree:{storefront_version()}"
    tree = cache.get(key)
    if tree is None:
        tree = list(selectors.browsable_categories())
        full_slugs = {}
        for group in tree:
            parent = full_slugs.get(group.path[: -group.steplen])
            full_slug = group.slug if parent is None else f"{parent}/{group.slug}"
            group.known_full_slug = full_slugs[group.path] = full_slug
        cache.set(key, tree, 3600)
    return tree


def top_groups(tree: list) -> list:
    return [group for group in tree if group.depth == 1]


def trail(category) -> list:
    """The category and its ancestors, root first, from the tree."""
    if category is None:
        return []
    return [group for group in group_tree() if category.path.startswith(group.path)]
