from django.core.signing import BadSignature, Signer
from django.db.models import Exists, OuterRef
from oscar.apps.basket import middleware as oscar_middleware
from oscar.core.loading import get_model

from shop.basket.utils import RequestApplicator

Basket = get_model("basket", "Basket")


class BasketMiddleware(oscar_middleware.BasketMiddleware):
    """Oscar's, applying offers through the request's applicator (shop.basket.utils)."""

    def apply_offers_to_basket(self, request, basket):
        if not basket.is_empty:
            RequestApplicator().apply(basket, request.user, request)

    def get_cookie_basket(self, cookie_key, request, manager):
        # Oscar's, asking in the same query whether the basket holds a voucher: most do not,
        # and then the applicator need not read the basket's vouchers (one query fewer).
        if cookie_key not in request.COOKIES:
            return None
        vouchers = Basket.vouchers.through.objects.filter(basket_id=OuterRef("pk"))
        try:
            basket_id = Signer().unsign(request.COOKIES[cookie_key])
            return Basket.objects.annotate(holds_vouchers=Exists(vouchers)).get(
                pk=basket_id, owner=None, status=Basket.OPEN
            )
        except (BadSignature, Basket.DoesNotExist):
            request.cookies_to_delete.append(cookie_key)
            return None
