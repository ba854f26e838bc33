from oscar.apps.basket import middleware as oscar_middleware

from shop.basket.utils import RequestApplicator


class BasketMiddleware(oscar_middleware.BasketMiddleware):
    """Oscar's, applying offers through the request's applicator (shop.basket.utils)."""

    def apply_offers_to_basket(self, request, basket):
        if not basket.is_empty:
            RequestApplicator().apply(basket, request.user, request)
