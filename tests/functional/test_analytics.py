"""The dashboard's product and user reports count every view, basket add and order once,
written after the shopper's request has committed (shop/analytics/receivers.py)."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from oscar.core.loading import get_model

from shop.analytics.receivers import product_counts
from tests.checkout import place_order

ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")
UserProductView = get_model("analytics", "UserProductView")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def make_shopper():
    return get_user_model().objects.create_user(
        username="lan", email="lan@example.vn", password="mật-khẩu-dài-123"
    )


def test_views_and_basket_adds_are_counted_once_each_after_the_request_commits(
    django_app, make_product, django_capture_on_commit_callbacks
):
    product = make_product()

    with django_capture_on_commit_callbacks(execute=True):
        django_app.get(product.get_absolute_url())
        page = django_app.get(product.get_absolute_url())
        page.forms["add_to_basket_form"].submit()
        # Nothing is written inside the requests' transactions: only once they commit.
        assert not ProductRecord.objects.exists()

    record = ProductRecord.objects.get(product=product)
    assert (record.num_views, record.num_basket_additions) == (2, 1)
    assert not UserRecord.objects.exists()  # anonymous shoppers have no user record


def test_a_signed_in_shopper_is_counted_in_the_user_report(
    django_app, make_product, django_capture_on_commit_callbacks
):
    product = make_product()
    shopper = make_shopper()

    with django_capture_on_commit_callbacks(execute=True):
        page = django_app.get(product.get_absolute_url(), user=shopper)
        page.forms["add_to_basket_form"].submit(user=shopper)

    record = UserRecord.objects.get(user=shopper)
    assert (record.num_product_views, record.num_basket_additions) == (1, 1)
    assert list(UserProductView.objects.values_list("user", "product")) == [
        (shopper.pk, product.pk)
    ]


def test_orders_add_to_the_products_and_shoppers_totals(
    django_app, django_capture_on_commit_callbacks, make_product
):
    shopper = make_shopper()
    honey, tea = make_product(title="Mật ong"), make_product(title="Trà shan tuyết")
    django_app.set_user(shopper)

    with django_capture_on_commit_callbacks(execute=True):
        place_order(django_app, [honey])
        place_order(django_app, [tea])
    first, second = Order.objects.order_by("pk")

    record = UserRecord.objects.get(user=shopper)
    assert (record.num_orders, record.num_order_lines, record.num_order_items) == (2, 2, 2)
    assert record.total_spent == first.total_incl_tax + second.total_incl_tax > Decimal(0)
    assert record.date_last_order == second.date_placed
    for order in (first, second):
        line = order.lines.get()
        assert ProductRecord.objects.get(product_id=line.product_id).num_purchases == 1


@override_settings(ANALYTICS_WRITE_EVERY_SECONDS=3600)
def test_in_production_views_and_basket_adds_are_written_together(
    django_app, make_product, django_capture_on_commit_callbacks
):
    """A worker adds views and basket additions up and writes them together
    (shop/analytics/receivers.py): none is lost, and none costs a write of its own."""
    honey, tea = make_product(title="Mật ong"), make_product(title="Trà shan tuyết")

    with django_capture_on_commit_callbacks(execute=True):
        for product in (honey, honey, tea):
            page = django_app.get(product.get_absolute_url())
        page.forms["add_to_basket_form"].submit()  # tea
        page.forms["add_to_basket_form"].submit()
    assert not ProductRecord.objects.exists()  # held by the worker until the interval ends

    product_counts.written_at -= 3600  # the interval has passed: the next count writes all
    with django_capture_on_commit_callbacks(execute=True):
        django_app.get(honey.get_absolute_url())
    counts = {
        title: (views, adds)
        for title, views, adds in ProductRecord.objects.values_list(
            "product__title", "num_views", "num_basket_additions"
        )
    }
    assert counts == {"Mật ong": (3, 0), "Trà shan tuyết": (1, 2)}

    with django_capture_on_commit_callbacks(execute=True):
        django_app.get(tea.get_absolute_url()).forms["add_to_basket_form"].submit()
    product_counts.write_at_exit()  # a worker that stops writes what it holds
    record = ProductRecord.objects.get(product=tea)
    assert (record.num_views, record.num_basket_additions) == (2, 3)
