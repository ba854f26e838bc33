"""Storefront browsing and search, all answered by the search backend (search.backends).
Views only present: what may be listed is decided in catalog.selectors."""

import dataclasses
from hashlib import sha256

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from catalog import selectors
from catalog.validators import typed_text
from search import backends
from search import groups as search_groups
from search.backends.base import FACETS, SORTS
from search.page_cache import SharedPageMixin
from search.params import BrowseParams

FACET_TITLES = {
    "stars": gettext_lazy("OCOP stars"),
    "group": gettext_lazy("Product group"),
    "province": gettext_lazy("Province"),
    "price": gettext_lazy("Price"),
}


def grid_key(product_ids) -> str:
    """The cache key of a grid of product cards: which products, in which language, and
    everything the cards show (storefront version and day: certificates lapse at midnight)."""
    ids = sha256(",".join(map(str, product_ids)).encode()).hexdigest()
    day = selectors.today().isoformat()
    return f"{backends.storefront_version()}:{day}:{get_language()}:{ids}"


def facets_key(path: str, params) -> str:
    """The cache key of a page's facet menu: the filter set (its canonical query), the
    page it links from, the language, and what the counts depend on (the catalog version
    and the day, as the search answer they come from)."""
    query = sha256(f"{path}{params.url()}".encode()).hexdigest()
    day = selectors.today().isoformat()
    return f"{backends.catalog_version()}:{day}:{get_language()}:{query}"


class ProductCards:
    """One page's product cards, fetched from the database only when drawn: a grid served
    from the cache asks nothing. The listing rule is applied again on the way out, so an
    index that lags behind a lapsed certificate can never put it on a page."""

    def __init__(self, product_ids):
        self.product_ids = list(product_ids)

    def __bool__(self):
        return bool(self.product_ids)

    @cached_property
    def cards(self) -> list:
        products = selectors.product_cards(selectors.listable_products())
        by_id = products.in_bulk(self.product_ids)
        return [by_id[pk] for pk in self.product_ids if pk in by_id]

    def __iter__(self):
        return iter(self.cards)

    def __len__(self):
        return len(self.cards)

    def __getitem__(self, index):
        return self.cards[index]


class ProductSearchView(SharedPageMixin, TemplateView):
    """/search/?q=…&stars=4&province=nghe_an&sort=price-asc&page=2 — shareable URLs."""

    template_name = "oscar/search/results.html"
    category = None

    def get(self, request, *args, **kwargs):
        self.params = BrowseParams.from_query(request.GET)
        if self.params.page is None:
            raise Http404(_("There is no such page."))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params, per_page = self.params, settings.OSCAR_PRODUCTS_PER_PAGE
        category = self.category.slug if self.category else None
        results = backends.search(params.search_query(per_page=per_page, category=category))
        # Pages stop at SEARCH_MAX_PAGE: past it an OFFSET costs more than anyone reads, and
        # crawlers that follow "next" forever stop too. Filters narrow instead.
        shown = min(results.total, settings.SEARCH_MAX_PAGE * per_page)
        paginator = Paginator(range(shown), per_page)
        try:
            page = paginator.page(params.page)
        except InvalidPage:
            raise Http404(_("There is no page %(number)s.") % {"number": params.page}) from None
        page.object_list = ProductCards(results.product_ids)
        context.update(
            query=params.text,
            products=page.object_list,
            # The grid of cards is cached under this key (oscar/catalogue/partials/
            # product_grid.html): what each card shows changes the storefront version.
            grid_key=grid_key(results.product_ids),
            page_obj=page,
            paginator=paginator,
            is_paginated=paginator.num_pages > 1,
            # The facet menu is cached under this key (product_grid.html): its counts come
            # from the cached search answer, its links from the query; built only if drawn.
            facets_key=facets_key(self.request.path, params),
            facets=SimpleLazyObject(lambda: self._facets(results.facets)),
            suggestion=results.suggestion,
            suggestion_url=params.url(q=results.suggestion) if results.suggestion else None,
            sorts=[(key, label, params.url(sort=key)) for key, label in SORTS.items()],
            current_sort=params.sort,
            active_filters=params.has_filters,
            clear_filters_url=params.url(**{f: None for f in FACETS}),
            pages=self._pages() if params.page == 1 else [],
        )
        return context

    def _pages(self):
        """Content pages (points of sale, fairs, news) that match, on search pages only."""
        if not self.params.text or self.category:
            return []
        return backends.search_pages(self.params.text, language=get_language())

    def _facets(self, facets):
        """Each facet value with the URL that toggles it, keeping the rest of the query."""
        shown = []
        for name in FACETS:
            chosen = set(self.params.filters.get(name, ()))
            found = facets.get(name, [])
            if name == "group":
                found = self._in_page_language(found)
            values = [
                (value, self.params.url(**{name: sorted(chosen ^ {value.value})}))
                for value in found
            ]
            if values:
                shown.append((name, FACET_TITLES[name], values))
        return shown

    @staticmethod
    def _in_page_language(groups):
        """The index names groups in Vietnamese; an English page reads their English names
        (or the Vietnamese where none is written) from the cached group tree."""
        if get_language() == settings.LANGUAGE_CODE or not groups:
            return groups
        names = {c.slug: c.name for c in search_groups.top_groups(search_groups.group_tree())}
        return [dataclasses.replace(g, label=names.get(g.value, g.label)) for g in groups]


class CatalogueView(ProductSearchView):
    """All OCOP products, with the same facets as search."""

    template_name = "oscar/catalogue/browse.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("All OCOP products")
        return context


class ProductCategoryView(ProductSearchView):
    """Products of one OCOP product group or sub-group."""

    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = search_groups.group(int(kwargs["pk"]))  # from the cached tree: no query
        if self.category is None:
            raise Http404(_("There is no such product group."))
        if request.path != self.category.get_absolute_url():
            return HttpResponsePermanentRedirect(self.category.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context


class SuggestView(View):
    """/search/suggest/?q=mat — JSON for the header search box."""

    def get(self, request):
        prefix = typed_text(request.GET.get("q", ""), max_length=100)
        suggestions = backends.suggest(prefix) if len(prefix) >= 2 else []
        return JsonResponse({"query": prefix, "suggestions": suggestions})
