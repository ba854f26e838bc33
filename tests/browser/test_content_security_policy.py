"""The Content-Security-Policy breaks nothing a shopper uses: in Chromium, the home page, a
product page, the basket, each checkout step and the map raise no CSP violation (each one
is both a `securitypolicyviolation` event and a console error), and the pages' scripts ran
(the map drew its markers, the address form loaded its communes)."""

import pytest

from tests.browser.test_map_page import site  # noqa: F401  the map's pages and products
from tests.checkout import HANOI, commune_of, ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile);
});
"""


@pytest.fixture
def watched(phone):
    console = []
    phone.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    phone.add_init_script(RECORD_VIOLATIONS)

    def violations():
        return console + phone.evaluate("window.__csp || []")

    return phone, violations


def test_shop_pages_raise_no_csp_violation(watched, site):  # noqa: F811
    phone, violations = watched
    server, map_page = site
    ensure_reference_data()
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")

    seen = {}

    def visit(name):
        phone.wait_for_load_state("load")
        seen[name] = violations()

    phone.goto(server + "/")
    visit("home")

    phone.goto(f"{server}{map_page.url}")
    phone.locator(".leaflet-marker-icon").nth(1).wait_for()  # map.js and Leaflet ran
    visit("map")

    product = Product.objects.get(title="Mật ong rừng Pù Mát")
    phone.goto(server + product.get_absolute_url())
    visit("product")
    phone.get_by_role("button", name="Thêm vào giỏ hàng").click()
    phone.locator(".alert-success").first.wait_for()
    phone.goto(f"{server}/basket/")
    visit("basket")

    phone.get_by_role("link", name="Tiến hành thanh toán").click()
    phone.fill("#id_username", "khach@example.vn")
    phone.check("input[name=options][value=anonymous]")
    visit("checkout gateway")
    phone.get_by_role("button", name="Tiếp tục").click()
    phone.wait_for_url("**/checkout/shipping-address/")
    phone.fill("#id_first_name", "Nguyễn Thị Lan")
    phone.fill("#id_phone_number", "0912 345 678")
    phone.fill("#id_line1", "12 Tràng Tiền")
    phone.select_option("#id_province", str(HANOI))
    commune = str(commune_of(HANOI).pk)
    # address.js fetched the province's communes: scripts from our origin run.
    phone.locator(f"#id_commune option[value='{commune}']").wait_for(state="attached")
    phone.select_option("#id_commune", commune)
    visit("checkout address")
    phone.locator("#new_shipping_address").get_by_role("button", name="Tiếp tục").click()
    phone.wait_for_url("**/checkout/payment-method/")
    visit("checkout payment method")
    phone.check("input[name=method][value=cod]")
    phone.get_by_role("button", name="Xem lại đơn hàng").click()
    phone.wait_for_url("**/checkout/preview/")
    visit("checkout preview")
    # The inline start-up script ran under its nonce (jQuery's ready handler, oscar.init()).
    assert phone.evaluate("typeof window.oscar === 'object' && !!window.jQuery")

    assert {name: found for name, found in seen.items() if found} == {}
    assert len(seen) == 8
