"""Admin choosers of catalog products and producers for CMS pages and blocks.

Editors may choose any product or producer (a product may be re-certified tomorrow); the
chooser says which are listed today, and public pages show only those
(catalog.selectors.listable_products_chosen / producers_chosen) at every request.
"""

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from catalog import selectors
from catalog.models import Producer, Province
from catalog.validators import typed_text

Product = get_model("catalogue", "Product")


class CatalogFilterForm(BaseFilterForm):
    """Search by name and narrow to a province (province editors work on their own)."""

    q = forms.CharField(label=_("Search term"), required=False)
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), required=False
    )
    name_fields: tuple[str, ...] = ()
    province_field = ""

    def filter(self, objects):
        query = typed_text(self.cleaned_data.get("q") or "")
        if query:
            self.is_searching, self.search_query = True, query
            matches = Q()
            for name in self.name_fields:
                matches |= Q(**{f"{name}__icontains": query})
            objects = objects.filter(matches)
        if self.cleaned_data.get("province"):
            objects = objects.filter(**{self.province_field: self.cleaned_data["province"]})
        return objects.distinct()


class ProductFilterForm(CatalogFilterForm):
    name_fields = ("title", "upc")
    province_field = "stockrecords__partner__producer__province"


class ProducerFilterForm(CatalogFilterForm):
    name_fields = ("legal_name", "trademark")
    province_field = "province"


class ListedColumnMixin:
    filter_form_class = None

    @property
    def columns(self):
        return [
            *super().columns,
            Column(
                "listed",
                label=_("Listed today"),
                accessor=lambda obj: _("yes") if obj.listed else _("no (not shown)"),
            ),
        ]


class ProductChooseView(ListedColumnMixin, ChooseView):
    filter_form_class = ProductFilterForm


class ProductChooseResultsView(ListedColumnMixin, ChooseResultsView):
    filter_form_class = ProductFilterForm


class ProducerChooseView(ListedColumnMixin, ChooseView):
    filter_form_class = ProducerFilterForm


class ProducerChooseResultsView(ListedColumnMixin, ChooseResultsView):
    filter_form_class = ProducerFilterForm


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "tag"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    per_page = 20
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView

    def get_object_list(self):
        listed = selectors.listable_products().filter(pk=OuterRef("pk"))
        return (
            Product._default_manager.filter(stockrecords__isnull=False)
            .annotate(listed=Exists(listed))
            .order_by("title", "pk")
            .distinct()
        )


class ProducerChooserViewSet(ChooserViewSet):
    model = Producer
    icon = "group"
    choose_one_text = _("Choose a producer")
    choose_another_text = _("Choose another producer")
    per_page = 20
    choose_view_class = ProducerChooseView
    choose_results_view_class = ProducerChooseResultsView

    def get_object_list(self):
        listed = selectors.producers_listed().filter(pk=OuterRef("pk"))
        return Producer.objects.annotate(listed=Exists(listed)).order_by("legal_name")


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="catalog-products")
producer_chooser_viewset = ProducerChooserViewSet(
    "producer_chooser", url_prefix="catalog-producers"
)
