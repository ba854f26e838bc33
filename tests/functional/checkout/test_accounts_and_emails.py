"""Account checkout with the address book, emails in the shopper's language (text and
HTML), and who may move which shipment."""

import pytest
from django.core import mail
from oscar.core.loading import get_model

from catalog.models import Province
from catalog.services.roles import producer_member_add
from tests.checkout import HANOI, NGHE_AN, add_to_basket, fill_address, place_order, rate_table
from tests.factories import make_ocop_product, make_producer

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
UserAddress = get_model("address", "UserAddress")


@pytest.fixture
def honey(db):
    rate_table()
    return make_ocop_product(title="Mật ong rừng", price=150000, stock=5)


def account_checkout(app, product):
    """A signed-in shopper: no email step; a new address, then the payment step."""
    add_to_basket(app, product)
    page = app.get("/checkout/").maybe_follow()
    return fill_address(page).maybe_follow()


def test_account_checkout_saves_the_address_and_offers_it_next_time(
    django_app, honey, django_user_model
):
    user = django_user_model.objects.create_user("lan", "lan@example.vn", "x")
    django_app.set_user(user)
    form = account_checkout(django_app, honey).forms["payment_method_form"]
    form["method"] = "cod"
    form.submit().follow().forms["place_order_form"].submit().maybe_follow()

    saved = UserAddress.objects.get(user=user)
    assert (saved.province_id, saved.commune.province_id) == (HANOI, HANOI)
    assert str(saved.phone_number) == "+84912345678"

    # Next time: the saved address is offered; one tap delivers there.
    add_to_basket(django_app, honey)
    page = django_app.get("/checkout/shipping-address/")
    entry = page.html.select_one(".address-book__entry address").text
    assert "Hà Nội" in entry and "0912 345 678" in entry
    form = next(f for f in page.forms.values() if "address_id" in f.fields)
    page = form.submit().maybe_follow()
    assert page.request.path == "/checkout/payment-method/"

    # The account's order page shows the shipment; another account gets a 404.
    order = Order.objects.get()
    page = django_app.get(f"/accounts/orders/{order.number}/")
    assert len(page.html.select(".shipment")) == 1


def test_emails_are_text_and_html_in_the_shoppers_language(
    django_app, honey, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        place_order(django_app, [honey])
    vietnamese = mail.outbox[-1]
    assert vietnamese.subject.startswith("Đơn hàng")
    assert "Phí vận chuyển" in vietnamese.body
    html, mimetype = vietnamese.alternatives[0]
    assert mimetype == "text/html" and "Mật ong rừng" in html

    django_app.reset()
    django_app.get("/en/")
    with django_capture_on_commit_callbacks(execute=True):
        add_to_basket(django_app, honey)
        page = django_app.get("/en/checkout/")
        form = page.forms["gateway_form"]
        form["username"] = "visitor@example.com"
        form["options"] = "anonymous"
        page = fill_address(form.submit().follow())
        form = page.maybe_follow().forms["payment_method_form"]
        form["method"] = "cod"
        form.submit().follow().forms["place_order_form"].submit()
    english = mail.outbox[-1]
    assert english.to == ["visitor@example.com"]
    assert english.subject.startswith("Order") and "received" in english.subject
    assert "Shipping" in english.body
    assert Order.objects.get(guest_email="visitor@example.com").language == "en"


def test_a_producer_moves_only_its_own_shipments(django_app, client, honey, django_user_model):
    other = make_ocop_product(
        title="Chè Thái",
        price=90000,
        producer=make_producer(name="HTX Chè", province=Province.objects.get(pk=NGHE_AN)),
    )
    place_order(django_app, [honey, other])
    order = Order.objects.get()
    mine, theirs = order.shipments.order_by("pk")
    owner = django_user_model.objects.create_user("htx", "htx@example.vn", "x")
    producer_member_add(producer=mine.producer, user=owner)

    django_app.set_user(owner)
    page = django_app.get("/dashboard/shop/shipments/")
    assert f"shipment-form-{mine.pk}" in page.forms
    assert f"shipment-form-{theirs.pk}" not in page.forms
    client.force_login(owner)
    response = client.post(f"/dashboard/shop/shipments/{theirs.pk}/", {"status": "packed"})
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == "pending"
    django_app.get("/dashboard/shop/transfers/", status=403)
