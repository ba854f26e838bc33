"""The one interface every payment method implements. Checkout asks `available_methods`
which to offer, calls `open` when the order is placed, and sends the shopper to
`next_url`; what happens next (cash at the door, a transfer staff reconcile, a signed
webhook) ends in shop/payments/services.py, the only place a payment changes state."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Offer:
    """Whether a method can pay this order, and if not why (shown to the shopper)."""

    allowed: bool
    reason: str = ""


class PaymentMethod:
    code: str = ""
    name: str = ""
    description: str = ""
    # The order's status once placed: COD orders go ahead unpaid, the rest wait.
    initial_order_status: str = "awaiting-payment"
    initial_payment_status: str = "awaiting"

    def is_configured(self) -> bool:
        """Whether the settings this method needs are present."""
        raise NotImplementedError

    def offer(self, *, total: int) -> Offer:
        return Offer(True)

    def expires_at(self, *, placed_at):
        """When an unpaid order of this method is given up and its stock released."""
        return None

    def next_url(self, *, order) -> str | None:
        """Where the shopper goes once the order is placed (None: the thank-you page)."""
        return None


def configured_methods() -> list[PaymentMethod]:
    methods = [import_string(path)() for path in settings.PAYMENT_METHODS]
    return [method for method in methods if method.is_configured()]


def get_method(code: str) -> PaymentMethod | None:
    return next((m for m in configured_methods() if m.code == code), None)
