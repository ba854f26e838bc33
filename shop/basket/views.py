from django.shortcuts import get_object_or_404
from oscar.apps.basket import views as oscar_views

from catalog import selectors


class BasketAddView(oscar_views.BasketAddView):
    """Oscar's add-to-basket, with the product fetched once with what the form and the
    strategy read (class, options, stock records, listing verdict)."""

    def post(self, request, *args, **kwargs):
        products = selectors.for_basket(self.product_model._default_manager.all())
        self.product = get_object_or_404(products, pk=kwargs["pk"])
        # Oscar's post() would fetch the product again: skip to FormView's.
        return super(oscar_views.BasketAddView, self).post(request, *args, **kwargs)
