"""Oscar's dashboard as the platform's staff use it, in Vietnamese: every message gettext is
asked for while its screens are drawn (the menu with every entry staff see, the index, orders,
products, producers' partner records, customers) has a Vietnamese translation in the active
catalogues. The failure lists the messages still in English."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.translations import recording_messages, untranslated

pytestmark = pytest.mark.django_db


def test_the_staff_dashboard_is_vietnamese(django_app, world):
    # The platform's staff, as the demo's admin@ocop.local: every menu entry is theirs.
    staff = get_user_model().objects.create_superuser("quantri", "quantri@ocop.test", "pw")
    order = world.shipment.order
    partner = world.product.stockrecords.get().partner
    with recording_messages() as asked:
        for path in [
            reverse("dashboard:index"),
            reverse("dashboard:order-list"),
            reverse("dashboard:order-detail", args=[order.number]),
            reverse("dashboard:catalogue-product-list"),
            reverse("dashboard:partner-list"),
            reverse("dashboard:partner-manage", args=[partner.pk]),
            reverse("dashboard:users-index"),
            reverse("dashboard:user-detail", args=[world.users["shopper"].pk]),
        ]:
            django_app.get(path, user=staff)

    assert len(asked) > 150  # the recorder saw the pages
    assert untranslated(asked) == []
