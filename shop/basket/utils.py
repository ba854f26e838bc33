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


class BasketMessageGenerator(oscar_utils.BasketMessageGenerator):
    def apply_messages(self, request, offers_before):
        # Oscar's, with the request's applicator.
        request.basket.reset_offer_applications()
        RequestApplicator().apply(request.basket, request.user, request)
        offers_after = request.basket.applied_offers()
        for level, msg in self.get_messages(request.basket, offers_before, offers_after):
            messages.add_message(request, level, msg, extra_tags="safe noicon")
