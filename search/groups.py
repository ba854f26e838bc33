"""The public product groups (Oscar categories) as one tree, read in one query and kept in
the cache under the storefront version, which any change to a category bumps (search/
migrations/0005): the header's group menu, category pages (the group, its ancestors and
sub-groups) and a product page's breadcrumbs all come from it, and each group knows its
full slug, so no link asks for its ancestors again."""

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


def group(pk: int):
    """A browsable group by its key, or None."""
    return next((found for found in group_tree() if found.pk == pk), None)


def trail(category) -> list:
    """The category and its ancestors, root first, from the tree."""
    if category is None:
        return []
    return [found for found in group_tree() if category.path.startswith(found.path)]


def children(category) -> list:
    return [
        found
        for found in group_tree()
        if found.depth == category.depth + 1 and found.path.startswith(category.path)
    ]
