"""The one shipping method the checkout offers: each producer ships its own parcel, and
the order's shipping charge is the sum of their charges (shop/shipping/plan.py)."""

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403  (Oscar's methods, unchanged)
from oscar.apps.shipping.methods import Base
from oscar.core import prices


class PerProducerDelivery(Base):
    code = "per-producer"
    name = _("Delivery by each producer")

    def __init__(self, groups):
        self.groups = groups

    @property
    def charge(self) -> int:
        return sum(group.charge or 0 for group in self.groups)

    def calculate(self, basket):
        amount = Decimal(self.charge)
        return prices.Price(
            currency=settings.OSCAR_DEFAULT_CURRENCY, excl_tax=amount, incl_tax=amount
        )
