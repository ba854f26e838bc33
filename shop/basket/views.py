from django.shortcuts import get_object_or_404
from oscar.apps.basket import views as oscar_views

from catalog import selectors
from shop.basket.utils import BasketMessageGenerator


class BasketAddView(oscar_views.BasketAddView):
    """Oscar's add-to-basket, with the product fetched once with what the form and the
    strategy read (class, options, stock records, listing verdict), and the basket's lines
    read once: the form reads them to check the stock, the add grows one of them, and the
    offers and the new total are worked out on them (Basket.add_product)."""

    def post(self, request, *args, **kwargs):
        products = selectors.for_basket(self.product_model._default_manager.all())
        self.product = get_object_or_404(products, pk=kwargs["pk"])
        # Oscar's post() would fetch the product again: skip to FormView's.
        return super(oscar_views.BasketAddView, self).post(request, *args, **kwargs)

    def form_valid(self, form):
        # Oscar's, but the offers are applied again to the lines add_product kept, where
        # Oscar's message generator would read them all again first.
        basket = self.request.basket
        offers_before = basket.applied_offers()
        self.line, self.line_created = basket.add_product(
            form.product, form.cleaned_data["quantity"], form.cleaned_options()
        )
        BasketMessageGenerator().apply_addition_messages(
            self.request, offers_before, self.get_success_message(form)
        )
        self.add_signal.send(
            sender=self, product=form.product, user=self.request.user, request=self.request
        )
        # FormView's: the redirect to get_success_url().
        return super(oscar_views.BasketAddView, self).form_valid(form)
