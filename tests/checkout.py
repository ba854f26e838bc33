"""Walking the checkout as a shopper does, for the tests that need an order."""

from catalog.models import Commune
from shop.demo.loaders.checkout import demo_data, load_rate_table

HANOI = 1
NGHE_AN = 40
QUANG_NINH = 22


def rate_table():
    load_rate_table(demo_data()["rates"])


def commune_of(province_code: int) -> Commune:
    return Commune.objects.filter(province=province_code).order_by("pk").first()


def add_to_basket(app, product, quantity=1):
    form = app.get(product.get_absolute_url()).forms["add_to_basket_form"]
    form["quantity"] = quantity
    return form.submit().maybe_follow()


def fill_address(
    page, *, province=HANOI, commune=None, phone="0912 345 678", name="Nguyễn Thị Lan"
):
    """The address form without JavaScript: choose the province, ask for its communes,
    choose one, continue."""
    form = page.forms["new_shipping_address"]
    form["first_name"] = name
    form["phone_number"] = phone
    form["line1"] = "12 Lê Lợi"
    form["province"] = str(province)
    page = form.submit("choose_province")
    form = page.forms["new_shipping_address"]
    form["commune"] = str((commune or commune_of(province)).pk)
    return form.submit()


def checkout_to_preview(app, products, *, email="khach@example.vn", method="cod", **address):
    """A shopper's way from products to the preview page, which is returned (as a guest
    unless the app is signed in)."""
    rate_table()
    for product in products:
        add_to_basket(app, product)
    page = app.get("/checkout/").maybe_follow()
    if "gateway_form" in page.forms:  # a guest; a signed-in shopper goes straight on
        form = page.forms["gateway_form"]
        form["username"] = email
        form["options"] = "anonymous"
        page = form.submit().follow()
    if "new_shipping_address" in page.forms:
        page = fill_address(page, **address).maybe_follow()
    form = page.forms["payment_method_form"]
    form["method"] = method
    return form.submit().maybe_follow()


def place_order(app, products, **kwargs):
    preview = checkout_to_preview(app, products, **kwargs)
    return preview.forms["place_order_form"].submit().maybe_follow()


def ensure_reference_data():
    """What a transactional test's flush removes and checkout needs: places, the
    provinces' regions, Việt Nam (normally written by migrations)."""
    from catalog.models import Province
    from catalog.places import load_places
    from shop.address.forms import vietnam
    from shop.shipping.models import ProvinceRegion
    from shop.shipping.regions import load_regions

    if not Province.objects.exists():
        load_places(Province, Commune)
    load_regions(ProvinceRegion, Province)
    vietnam()
    rate_table()


def client_to_preview(client, product, *, email, method="cod", province=HANOI) -> str:
    """A buyer on its own client, from basket to preview; returns the preview's
    fingerprint (what the place-order form posts)."""
    client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    client.post("/checkout/", {"username": email, "options": "anonymous"})
    client.post(
        "/checkout/shipping-address/",
        {
            "first_name": "Khách",
            "phone_number": "0912345678",
            "line1": "1 Tràng Tiền",
            "province": province,
            "commune": commune_of(province).pk,
        },
    )
    client.get("/checkout/shipping-method/")
    client.post("/checkout/payment-method/", {"method": method})
    return client.get("/checkout/preview/").context["fingerprint"]
