"""Oscar's basket utilities (module name kept for Oscar's class loading): the offer
applicator asked once per request: the basket middleware applies offers
when it loads the basket and the add-to-basket view applies them again to tell the shopper
what changed. The offers themselves (site-wide, the basket's vouchers, the session's) do not
change within a request, so the second time reuses the first answer: two queries fewer."""

from django.contrib import messages
from oscar.apps.basket import utils as oscar_utils
from oscar.core.loading import get_class

Applicator = get_class("offer.applicator", "Applicator")


class RequestApplicator(Applicator):
    def get_offers(self, basket, user=None, request=None):
        if request is None:
            return super().get_offers(basket, user, request)
        if getattr(request, "_ocop_offers", None) is None:
            request._ocop_offers = super().get_offers(basket, user, request)
        return request._ocop_offers

    def get_basket_offers(self, basket, user):
        # A cookie basket is read knowing whether it holds a voucher (shop.basket.middleware).
        if getattr(basket, "holds_vouchers", True):
            return super().get_basket_offers(basket, user)
        return []


class BasketMessageGenerator(oscar_utils.BasketMessageGenerator):
    def apply_messages(self, request, offers_before):
        # Oscar's: the lines are read again (they may have changed: the basket page's
        # formset), without the discounts of the offers applied before.
        request.basket.reset_offer_applications()
        self.apply_messages_to_current_lines(request, offers_before)

    def apply_addition_messages(self, request, offers_before, addition):
        """After Basket.add_product: what was added (Oscar's addition template, rendered by
        the view), then offers and the new total worked out on the lines it kept."""
        messages.success(request, addition, extra_tags="safe noicon")
        self.apply_messages_to_current_lines(request, offers_before)

    def apply_messages_to_current_lines(self, request, offers_before):
        """Offers applied again to the lines the basket holds, then what changed told to the
        shopper (offers gained or lost, the new total). The lines must be the basket's as
        it now is, with no discount left on them (Basket.add_product keeps them so)."""
        RequestApplicator().apply(request.basket, request.user, request)
        offers_after = request.basket.applied_offers()
        for level, msg in self.get_messages(request.basket, offers_before, offers_after):
            messages.add_message(request, level, msg, extra_tags="safe noicon")
