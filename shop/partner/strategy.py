"""Oscar's pricing and availability, with the OCOP listing rule on top: a product that is
not listable today cannot be put in a basket or ordered, and the shopper is told why."""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import strategy
from oscar.apps.partner.availability import Unavailable

from catalog import selectors


class NotListed(Unavailable):
    code = "not-listed"
    short_message = _("Not for sale")

    def __init__(self, reason):
        self.message = reason

    def is_purchase_permitted(self, quantity):
        return False, self.message


class ListingRule:
    """Availability mixin: the listing rule (catalog.selectors) before stock."""

    def availability_policy(self, product, stockrecord):
        listed = product.parent if product.is_child else product
        if not selectors.is_listable(listed):
            return NotListed(selectors.unlisted_reason(listed))
        return super().availability_policy(product, stockrecord)


class Default(
    ListingRule,
    strategy.UseFirstStockRecord,
    strategy.StockRequired,
    strategy.NoTax,
    strategy.Structured,
):
    """First stock record, stock required (unless the product class does not track
    stock, as for tourism services), no tax line: VND retail prices include VAT."""

    def fetch_for_line(self, line, stockrecord=None):
        # A basket line prices from the stock record it was added with (fetched with the
        # line), as Oscar's signature intends; Oscar's default looks it up again per line.
        return self.fetch_for_product(line.product, stockrecord or line.stockrecord)


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
