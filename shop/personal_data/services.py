"""Deleting a shopper's account.

The rule: the account and everything that names the person go; the orders stay (producers'
shipments, payments and the payout ledger are built on them, and accounting law keeps sales
records), stripped of the person: the recipient's name, phone number, street address and
notes, the billing address, and the e-mail address are replaced. The province and commune
stay: they priced the shipping and say nothing of who lived there.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from oscar.core.loading import get_model

Order = get_model("order", "Order")

# What replaces a name, a street or an e-mail address in a kept order.
REDACTED = "—"
ADDRESS_TEXT_FIELDS = ("title", "first_name", "last_name", "line1", "line2", "line3", "postcode")


def _anonymise_address(address) -> None:
    if address is None:
        return
    for field in ADDRESS_TEXT_FIELDS:
        if hasattr(address, field):
            setattr(address, field, REDACTED if field in ("first_name", "line1") else "")
    if hasattr(address, "phone_number"):
        address.phone_number = ""
    if hasattr(address, "notes"):
        address.notes = ""
    address.save()


@transaction.atomic
def account_delete(*, user: AbstractBaseUser) -> int:
    """Deletes `user` and anonymises their orders; returns how many orders were kept.

    Orders are locked first, so a producer shipping one at this moment writes to the
    anonymised row, never brings the old one back."""
    orders = list(
        Order._default_manager.select_for_update(of=("self",))
        .filter(user=user)
        .select_related("shipping_address", "billing_address")
    )
    for order in orders:
        _anonymise_address(order.shipping_address)
        _anonymise_address(order.billing_address)
        order.user = None
        order.guest_email = ""
        order.save(update_fields=["user", "guest_email"])
    # The saved addresses, wish lists, notifications and e-mails go with the account
    # (their foreign keys cascade).
    user.delete()
    return len(orders)
