"""Oscar's basket utilities (module name kept for Oscar's class loading): the offer
applicator asked once per request: the basket middleware applies offers
when it loads the basket and the add-to-basket view applies them again to tell the shopper
what changed. The offers themselves (site-wide, the basket's vouchers, the session's) do not
change within a request, so the second time reuses the first answer: two queries fewer.
Site offers are asked for only when one is open at that moment (`site_offer_times`)."""

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from oscar.apps.basket import utils as oscar_utils
from oscar.core.loading import get_class, get_model

Applicator = get_class("offer.applicator", "Applicator")
ConditionalOffer = get_model("offer", "ConditionalOffer")

SITE_OFFER_TIMES = "offers:site:times"
SITE_OFFER_TIMES_SECONDS = 60  # only a bound: saving or deleting an offer forgets them


def site_offer_times() -> list[tuple]:
    """When each open site offer starts and ends (None: no bound), from the cache."""
    times = cache.get(SITE_OFFER_TIMES)
    if times is None:
        offers = ConditionalOffer.objects.filter(
            offer_type=ConditionalOffer.SITE, status=ConditionalOffer.OPEN
        )
        times = list(offers.values_list("start_datetime", "end_datetime"))
        cache.set(SITE_OFFER_TIMES, times, SITE_OFFER_TIMES_SECONDS)
    return times


@receiver([post_save, post_delete], sender=ConditionalOffer)
def _forget_site_offer_times(**kwargs):
    # Now, for this transaction's next read, and after commit, when every request sees it
    # (one may have cached the times as they were before, meanwhile).
    cache.delete(SITE_OFFER_TIMES)
    transaction.on_commit(lambda: cache.delete(SITE_OFFER_TIMES))


class RequestApplicator(Applicator):
    def get_site_offers(self):
        """Oscar's (ConditionalOffer.active), not asked when no site offer is open now: a
        shop without offers then spends no query on them on every page of a shopper with
        a basket (1.1 ms of a basket add's 11)."""
        now = timezone.now()
        if not any(
            (start is None or start <= now) and (end is None or now <= end)
            for start, end in site_offer_times()
        ):
            return []
        return super().get_site_offers()

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
