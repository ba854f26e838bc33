from django.core.exceptions import PermissionDenied
from django.db.models import F, Value, prefetch_related_objects
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.basket.abstract_models import AbstractBasket
from oscar.core.loading import get_class

OfferApplications = get_class("offer.results", "OfferApplications")


class Basket(AbstractBasket):
    """Oscar's basket, reading its lines once per request. Oscar counts them with COUNT(*),
    sums one product's quantity with SUM(), asks the listing rule once per line and reads
    every line again after an add; here the lines loaded for the offers answer all of it
    (basket add: 27 queries, then 16, before)."""

    def all_lines(self):
        if self.id is None or self._lines is not None:
            return super().all_lines()
        from catalog import selectors  # not at import time: models load before selectors can

        lines = (
            self.lines.select_related(
                "product__product_class", "product__parent__product_class", "stockrecord"
            )
            .prefetch_related("attributes")
            # A variant is sold under its parent's certificate: the rule is asked of the parent.
            .annotate(listed_product_id=Coalesce("product__parent_id", "product_id"))
            .order_by(self._meta.pk.name)
        )
        lines = selectors.with_listing_verdict(lines, product_field="listed_product_id")
        for line in lines:
            listed = line.product.parent if line.product.is_child else line.product
            listed.passed_listing_rule = line.product_passed_listing_rule
        self._lines = lines  # evaluated above: count() and iteration read its cache
        return lines

    def lines_with_pictures(self):
        """The lines, with their products' pictures fetched for all of them at once: for the
        pages that draw them (the basket, checkout). Adding to the basket draws none, so
        all_lines() does not fetch them."""
        lines = self.all_lines()
        prefetch_related_objects([line.product for line in lines], "images")
        return lines

    @property
    def num_lines(self):
        return len(self.all_lines())

    def product_quantity(self, product):
        return sum(line.quantity for line in self.all_lines() if line.product_id == product.id)

    def add_product(self, product, quantity=1, options=None):
        """Oscar's, keeping the lines this request has read (the add-to-basket form read them
        to check the stock): Oscar forgets them, and the offers and the new total shown next
        read every line again. A line already in the basket grows by one UPDATE, as a sum in
        the database, so two adds at once both count; a new line is Oscar's (it guards a
        concurrent first add of the same line) and joins the lines read."""
        line = self._loaded_line(product, options)
        if line is not None:
            if not self.can_be_edited:  # as Oscar's Line.save() refuses
                raise PermissionDenied(_("You cannot modify a %s basket") % (self.status.lower(),))
            grown = self.lines.filter(pk=line.pk).update(
                quantity=Greatest(F("quantity") + quantity, Value(0)), date_updated=timezone.now()
            )
            if grown:
                line.quantity = max(0, line.quantity + quantity)
                self._keep_lines_without_discounts(self._lines)
                return line, False
            # Removed meanwhile (the shopper's other tab): Oscar's add makes it again.
            self._lines = None
        loaded = self._lines
        line, created = super().add_product(product, quantity, options)
        if loaded is not None and created and not options:
            loaded._result_cache.append(line)  # the list count() and iteration read
            self._keep_lines_without_discounts(loaded)
        return line, created

    def _loaded_line(self, product, options):
        """The line of the lines read that adding this product would grow, if any."""
        if self._lines is None or options:
            return None
        stock_info = self.get_stock_info(product, [])
        if stock_info.stockrecord is None or not stock_info.price.exists:
            return None  # Oscar's add_product says what is wrong
        reference = self._create_line_reference(product, stock_info.stockrecord, [])
        return next((line for line in self._lines if line.line_reference == reference), None)

    def _keep_lines_without_discounts(self, lines):
        # What reset_offer_applications() does, without forgetting the lines: the offers
        # are applied again to the basket as it now is.
        self.offer_applications = OfferApplications()
        for line in lines:
            line.clear_discount()
        self._lines = lines


from oscar.apps.basket.models import *  # noqa: E402, F403  (Oscar fork: the other models unchanged)
