"""Storefront browsing and search. Views only present: what is listed is decided in
catalog.selectors."""

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.core.loading import get_model

from catalog import selectors

Category = get_model("catalogue", "Category")


class ProductListView(ListView):
    context_object_name = "products"

    def get_paginate_by(self, queryset):
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def get_queryset(self):
        return selectors.product_cards(self.get_products().order_by("-date_created", "pk"))

    def get_products(self):
        return selectors.listable_products()


class CatalogueView(ProductListView):
    """All OCOP products."""

    template_name = "oscar/catalogue/browse.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("All OCOP products")
        return context


class ProductCategoryView(ProductListView):
    """Products of one OCOP product group or sub-group."""

    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"], is_public=True)
        if request.path != self.category.get_absolute_url():
            return HttpResponsePermanentRedirect(self.category.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_products(self):
        return selectors.products_in_category(category=self.category)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["summary"] = self.category.name
        return context


class ProductSearchView(ProductListView):
    """/search/?q= over listable products."""

    template_name = "oscar/search/results.html"

    def get_products(self):
        query = self.request.GET.get("q", "").strip()
        products = selectors.listable_products()
        if not query:
            return products.none()
        return products.filter(Q(title__icontains=query) | Q(description__icontains=query))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.request.GET.get("q", "").strip()
        return context
