"""Storefront browsing and search, all answered by the search backend (search.backends).
Views only present: what may be listed is decided in catalog.selectors."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from catalog import selectors
from search import backends
from search.backends.base import FACETS, SORTS, SearchQuery

Category = get_model("catalogue", "Category")

FACET_TITLES = {
    "stars": gettext_lazy("OCOP stars"),
    "group": gettext_lazy("Product group"),
    "province": gettext_lazy("Province"),
    "price": gettext_lazy("Price"),
}


class ProductSearchView(TemplateView):
    """/search/?q=…&stars=4&province=nghe_an&sort=price-asc&page=2 — shareable URLs."""

    template_name = "oscar/search/results.html"
    category = None

    def get(self, request, *args, **kwargs):
        self.text = request.GET.get("q", "").strip()[:200]
        return super().get(request, *args, **kwargs)

    def search_query(self, *, offset, limit) -> SearchQuery:
        sort = self.request.GET.get("sort", "relevance")
        return SearchQuery(
            text=self.text,
            filters={f: tuple(self.request.GET.getlist(f)) for f in FACETS},
            sort=sort if sort in SORTS else "relevance",
            offset=offset,
            limit=limit,
            category=self.category.slug if self.category else None,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        per_page = settings.OSCAR_PRODUCTS_PER_PAGE
        number = self.request.GET.get("page", "1")
        number = int(number) if number.isdigit() and int(number) > 0 else 1
        results = backends.search(self.search_query(offset=(number - 1) * per_page, limit=per_page))
        paginator = Paginator(range(results.total), per_page)
        try:
            page = paginator.page(number)
        except InvalidPage:
            raise Http404(_("There is no page %(number)s.") % {"number": number}) from None
        # The listing rule is applied again on the way out: an index that lags behind a
        # lapsed certificate can never put it on a page.
        by_id = selectors.product_cards(selectors.listable_products()).in_bulk(results.product_ids)
        page.object_list = [by_id[pk] for pk in results.product_ids if pk in by_id]
        context.update(
            query=self.text,
            products=page.object_list,
            page_obj=page,
            paginator=paginator,
            is_paginated=paginator.num_pages > 1,
            facets=self._facets(results.facets),
            suggestion=results.suggestion,
            suggestion_url=self._url(q=results.suggestion) if results.suggestion else None,
            sorts=[(key, label, self._url(sort=key)) for key, label in SORTS.items()],
            current_sort=self.request.GET.get("sort", "relevance"),
            active_filters=any(self.request.GET.getlist(f) for f in FACETS),
            clear_filters_url=self._url(**{f: None for f in FACETS}),
            pages=self._pages() if number == 1 else [],
        )
        return context

    def _pages(self):
        """Content pages (points of sale, fairs, news) that match, on search pages only."""
        if not self.text or self.category:
            return []
        return backends.search_pages(self.text, language=get_language())

    def _facets(self, facets):
        """Each facet value with the URL that toggles it, keeping the rest of the query."""
        shown = []
        for name in FACETS:
            values = []
            for value in facets.get(name, []):
                chosen = set(self.request.GET.getlist(name))
                chosen ^= {value.value}
                values.append((value, self._url(**{name: sorted(chosen)})))
            if values:
                shown.append((name, FACET_TITLES[name], values))
        return shown

    def _url(self, **changes) -> str:
        params = {key: self.request.GET.getlist(key) for key in self.request.GET}
        params.pop("page", None)
        for key, value in changes.items():
            if value is None or value == []:
                params.pop(key, None)
            else:
                params[key] = value if isinstance(value, list) else [value]
        return "?" + urlencode(params, doseq=True)


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
        self.category = get_object_or_404(Category, pk=kwargs["pk"], is_public=True)
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
        prefix = request.GET.get("q", "").strip()[:100]
        suggestions = backends.suggest(prefix) if len(prefix) >= 2 else []
        return JsonResponse({"query": prefix, "suggestions": suggestions})
