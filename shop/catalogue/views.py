from django.contrib.auth.models import AnonymousUser
from django.utils.translation import get_language
from oscar.apps.catalogue.signals import product_viewed
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from catalog import selectors
from search.backends import storefront_version
from search.page_cache import SharedPageMixin

Product = get_model("catalogue", "Product")


def product_page_key(product) -> str:
    """The cache key of a product page's fragments (breadcrumbs, pictures and title, the
    OCOP proof): everything they show changes the storefront version (database triggers,
    search/migrations/0004 and 0005); the day, because certificates lapse at midnight;
    the language. The price box and the add-to-basket form are drawn on every request
    that does not get the whole page from the cache (search/page_cache.py)."""
    return f"{storefront_version()}:{selectors.today().isoformat()}:{get_language()}:{product.pk}"


class ProductDetailView(SharedPageMixin, OscarProductDetailView):
    """Oscar's product page with the OCOP proof: certificate, producer, traceability.

    A product that was never OCOP-certified (3★+) is a 404; one whose certificate has
    lapsed or been revoked still shows, saying so, with no buy button.
    """

    def get_queryset(self):
        # What every request reads in one go; the rest only when a fragment is drawn.
        return selectors.for_product_page(super().get_queryset())

    def is_viewable(self, product, request):
        if not super().is_viewable(product, request):
            return False
        return request.user.is_staff or selectors.was_ever_ocop(product)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.product_page_facts(self.object))
        context["page_key"] = product_page_key(self.object)
        return context

    @classmethod
    def served_shared(cls, request, response, **kwargs):
        # The page came from the cache: the view is still counted (shop/analytics) and
        # remembered (Oscar's recently-viewed cookie); both only read the product's id.
        # A shared request has no session: its visitor is anonymous.
        product_viewed.send(
            sender=cls,
            product=Product(pk=int(kwargs["pk"])),  # the URL gives it as text
            user=AnonymousUser(),
            request=request,
            response=response,
        )
