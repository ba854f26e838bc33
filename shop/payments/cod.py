"""Cash on delivery: the order goes ahead unpaid; each producer's courier collects that
shipment's goods and charge, and the order is paid once every shipment's cash is in."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.templatetags.currency_filters import currency

from shop.payments.base import Offer, PaymentMethod


class CashOnDelivery(PaymentMethod):
    code = "cod"
    name = gettext_lazy("Cash on delivery")
    description = gettext_lazy("Pay each parcel in cash when it arrives.")
    initial_order_status = "placed"
    initial_payment_status = "on-delivery"

    def is_configured(self) -> bool:
        return settings.COD_MAX_ORDER_TOTAL > 0

    def offer(self, *, total: int) -> Offer:
        if total > settings.COD_MAX_ORDER_TOTAL:
            return Offer(
                False,
                _("Cash on delivery is available for orders up to %(cap)s.")
                % {"cap": currency(settings.COD_MAX_ORDER_TOTAL)},
            )
        return Offer(True)
