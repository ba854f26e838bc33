from oscar.apps.basket.abstract_models import AbstractBasket


class Basket(AbstractBasket):
    """Oscar's basket, reading its lines once per request. Oscar counts them with COUNT(*),
    sums one product's quantity with SUM() and asks the listing rule once per line; here
    the lines loaded for the offers answer all three (basket add: 27 queries before)."""

    def all_lines(self):
        if self.id is None or self._lines is not None:
            return super().all_lines()
        from catalog import selectors  # not at import time: models load before selectors can

        lines = (
            self.lines.select_related("product__product_class", "product__parent", "stockrecord")
            .prefetch_related("attributes", "product__images")
            .order_by(self._meta.pk.name)
        )
        selectors.note_listing_verdicts(
            [line.product.parent if line.product.is_child else line.product for line in lines]
        )
        self._lines = lines  # evaluated above: count() and iteration read its cache
        return lines

    @property
    def num_lines(self):
        return len(self.all_lines())

    def product_quantity(self, product):
        return sum(line.quantity for line in self.all_lines() if line.product_id == product.id)


from oscar.apps.basket.models import *  # noqa: E402, F403  (Oscar fork: the other models unchanged)
