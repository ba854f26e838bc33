from oscar.apps.address.abstract_models import AbstractUserAddress

from shop.address.vietnam import VietnameseAddress


class UserAddress(VietnameseAddress, AbstractUserAddress):
    """An address-book entry: province and commune as on every Vietnamese address."""

    class Meta(AbstractUserAddress.Meta):
        pass


from oscar.apps.address.models import *  # noqa: E402, F403  (Oscar fork: the rest unchanged)
