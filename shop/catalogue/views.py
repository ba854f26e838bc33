from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView

from catalog import selectors


class ProductDetailView(OscarProductDetailView):
    """Oscar's product page with the OCOP proof: certificate, producer, traceability.

    A product that was never OCOP-certified (3★+) is a 404; one whose certificate has
    lapsed or been revoked still shows, saying so, with no buy button.
    """

    def get_queryset(self):
        # Everything the page reads in one go: Oscar's own view asks for the product class,
        # stock records and categories again while rendering (17 queries before).
        return selectors.for_product_page(super().get_queryset())

    def is_viewable(self, product, request):
        if not super().is_viewable(product, request):
            return False
        return request.user.is_staff or selectors.was_ever_ocop(product)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.product_page_facts(self.object))
        return context
