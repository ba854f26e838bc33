"""Vietnamese everywhere a shopper looks. Every message gettext is asked for while the shop
draws the shopper's pages (storefront, search, basket, each checkout step, the thank-you
page, order status, the account pages) and writes its emails (order confirmation,
registration, password reset) must have a Vietnamese translation in the active catalogues:
ours (locale/, first in LOCALE_PATHS), then Oscar's, Wagtail's and Django's. The failure
lists every message still in English, whichever page it is on."""

import pytest
from django.core import mail
from oscar.core.loading import get_model

from tests.checkout import add_to_basket, place_order, rate_table
from tests.factories import make_ocop_product
from tests.translations import recording_messages, untranslated

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
Order = get_model("order", "Order")


@pytest.fixture
def shop(home_page, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 1  # so lists have pages: "Trang 1 / 2"
    rate_table()
    group = Category.add_root(name="Thực phẩm", slug="thuc-pham")
    honey = make_ocop_product(title="Mật ong rừng", price=150000, category=group)
    make_ocop_product(title="Nước mắm Cửa Lò", price=180000, category=group)
    return honey, group


def test_every_message_a_shopper_meets_is_vietnamese(django_app, shop):
    honey, group = shop
    with recording_messages() as asked:
        for path in [
            "/",
            "/catalogue/",
            group.get_absolute_url(),
            "/catalogue/?page=2",
            honey.get_absolute_url(),
            "/search/?q=mat+ong",
            "/search/?q=khongcogica",
            "/basket/",
            "/verify/",
            "/verify/?q=123%2FQ%C4%90-UBND",
            "/order-status/",
            "/accounts/login/",
            "/password-reset/",
        ]:
            django_app.get(path)
        add_to_basket(django_app, honey)
        django_app.get("/basket/")
        place_order(django_app, [])  # the guest's checkout, step by step, and its email
        thanks = django_app.get("/checkout/thank-you/")
        thanks.click(linkid="view-order")
        lookup = django_app.get("/order-status/").forms["order_lookup_form"]
        lookup["number"], lookup["email"] = "0", "nobody@example.vn"
        lookup.submit()

        # A new account, its emails and pages.
        form = django_app.get("/accounts/login/").forms["register_form"]
        form["registration-email"] = "lan@example.vn"
        form["registration-password1"] = form["registration-password2"] = "mat-ong-rung-2026"
        form.submit(name="registration_submit").maybe_follow()
        for path in [
            "/accounts/",
            "/accounts/profile/",
            "/accounts/profile/edit/",
            "/accounts/change-password/",
            "/accounts/orders/",
            "/accounts/addresses/",
            "/accounts/addresses/add/",
            "/accounts/notifications/inbox/",
            "/accounts/alerts/",
        ]:
            django_app.get(path, status="*")
        add_to_basket(django_app, honey)
        place_order(django_app, [])
        order = Order.objects.filter(user__email="lan@example.vn").get()
        django_app.get(f"/accounts/orders/{order.number}/")
        django_app.get("/accounts/logout/").maybe_follow()
        form = django_app.get("/password-reset/").forms["password_reset_form"]
        form["email"] = "lan@example.vn"
        form.submit().maybe_follow()

    assert len(asked) > 200  # the recorder saw the pages
    assert untranslated(asked) == []
    assert len(mail.outbox) >= 2, [m.subject for m in mail.outbox]  # emails were written too
