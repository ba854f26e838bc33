"""Shoppers' personal data, through the pages that show it: the recipient's name, phone and
street are seen by the shopper, by the producers whose shipments go there and by staff,
nobody else; deleting the account (password asked again) keeps the orders for the
producers and the ledger, without the person in them."""

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from catalog.models import Province
from catalog.services.roles import producer_member_add
from tests.checkout import NGHE_AN, QUANG_NINH, place_order
from tests.factories import make_ocop_product, make_producer

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
Shipment = get_model("order", "Shipment")
User = get_user_model()

NAME, PHONE, STREET = "Nguyễn Thị Lan", "0912 345 678", "12 Lê Lợi"


def member(username, producer):
    user = User.objects.create_user(username, f"{username}@ocop.test", "pw")
    producer_member_add(producer=producer, user=user)
    return user


@pytest.fixture
def order_world(django_app):
    a = make_producer(name="HTX A", province=Province.objects.get(pk=NGHE_AN))
    q = make_producer(name="HTX Q", province=Province.objects.get(pk=QUANG_NINH))
    b = make_producer(name="HTX B", province=Province.objects.get(pk=NGHE_AN))
    products = [
        make_ocop_product(title="Mật ong A", price=100000, producer=a),
        make_ocop_product(title="Chả mực Q", price=200000, producer=q),
    ]
    lan = User.objects.create_user("lan", "lan@example.vn", "mat-khau-cua-lan")
    django_app.set_user(lan)
    place_order(django_app, products, name=NAME, phone=PHONE)
    django_app.set_user(None)
    order = Order.objects.get()
    users = {
        "shopper": lan,
        "other shopper": User.objects.create_user("mai", "mai@example.vn", "pw"),
        "producer A": member("a", a),
        "producer Q": member("q", q),
        "producer B": member("b", b),
        "staff": User.objects.create_user("staff", "staff@ocop.local", "pw", is_staff=True),
    }
    return order, users, Shipment.objects.get(order=order, producer=a), q


def shows_the_person(response) -> bool:
    text = response.content.decode()
    return response.status_code == 200 and (PHONE in text or STREET in text or NAME in text)


def test_who_sees_the_shoppers_address_and_phone(client, order_world):
    order, users, shipment_a, q = order_world
    shipment_q = Shipment.objects.get(order=order, producer=q)
    pages = {
        "order page": f"/accounts/orders/{order.number}/",
        "A's shipment": f"/dashboard/shop/shipments/{shipment_a.pk}/",
        "Q's shipment": f"/dashboard/shop/shipments/{shipment_q.pk}/",
        "dashboard order": f"/dashboard/orders/{order.number}/",
        "shipments list": "/dashboard/shop/shipments/",
        "shipments export": "/dashboard/shop/shipments.csv",
    }
    seen = {}
    for role, user in [("anonymous", None), *users.items()]:
        client.logout()
        if user is not None:
            client.force_login(user)
        seen[role] = sorted(
            name for name, url in pages.items() if shows_the_person(client.get(url))
        )
    assert seen == {
        "anonymous": [],
        "shopper": ["order page"],
        "other shopper": [],
        "producer A": ["A's shipment"],
        "producer Q": ["Q's shipment"],
        "producer B": [],
        "staff": ["A's shipment", "Q's shipment", "dashboard order"],
    }


def test_the_order_lookup_needs_the_orders_email(client, order_world):
    order, _, _, _ = order_world
    wrong = client.post("/order-status/", {"number": order.number, "email": "mai@example.vn"})
    assert wrong.status_code == 200 and not shows_the_person(wrong)
    right = client.post("/order-status/", {"number": order.number, "email": "lan@example.vn"})
    assert right.status_code == 302 and order.number in right["Location"]


def test_deleting_the_account_asks_for_the_password(client, order_world):
    _, users, _, _ = order_world
    client.force_login(users["shopper"])
    page = client.get("/accounts/profile/delete/")
    assert page.status_code == 200
    response = client.post("/accounts/profile/delete/", {"password": "wrong"})
    assert response.status_code == 200
    assert User.objects.filter(username="lan").exists()


def test_deleted_account_keeps_its_orders_without_the_person(client, order_world):
    order, users, shipment_a, _ = order_world
    lines_before = list(order.lines.values_list("product_id", "quantity", "line_price_incl_tax"))
    client.force_login(users["shopper"])
    response = client.post("/accounts/profile/delete/", {"password": "mat-khau-cua-lan"})
    assert response.status_code == 302
    assert not User.objects.filter(username="lan").exists()
    assert "_auth_user_id" not in client.session

    order = Order.objects.get(pk=order.pk)
    address = order.shipping_address
    assert order.user is None and order.email == ""
    assert NAME not in address.first_name and STREET not in address.line1
    assert not address.phone_number and not address.notes
    assert address.province_id is not None  # the shipping charge's region stays
    assert list(order.lines.values_list("product_id", "quantity", "line_price_incl_tax")) == (
        lines_before
    )
    assert Shipment.objects.filter(order=order).count() == 2

    # The producer still ships it, and sees nobody in it.
    client.force_login(users["producer A"])
    response = client.get(f"/dashboard/shop/shipments/{shipment_a.pk}/")
    assert response.status_code == 200
    assert not shows_the_person(response)
    # Nor does the shopper's old order page exist for anyone else.
    client.force_login(users["other shopper"])
    assert client.get(f"/accounts/orders/{order.number}/").status_code == 404
