"""A shopper on a phone finds OCOP fish sauce without typing accents, checks its proof,
and puts it in the basket."""

import pytest

from tests.factories import make_ocop_product

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shop(live_server, places):
    make_ocop_product(
        title="Nước mắm sá sùng Quảng Ninh", price=280000, stars=4, decision_number="2150/QĐ-UBND"
    )
    make_ocop_product(title="Mật ong rừng thiên nhiên", price=250000, stars=3)
    return live_server.url


def test_search_without_accents_then_buy(phone, shop):
    phone.goto(f"{shop}/catalogue/")
    phone.fill("#site-search-q", "nuoc mam")
    phone.press("#site-search-q", "Enter")

    card = phone.locator(".product-card").filter(has_text="Nước mắm sá sùng Quảng Ninh")
    card.wait_for()
    assert phone.locator(".product-card").count() == 1
    assert "280.000\xa0₫" in card.inner_text()

    card.locator(".product-card__title a").click()
    phone.wait_for_url("**/catalogue/nuoc-mam-sa-sung-quang-ninh_*/")
    assert "★★★★" in phone.locator(".product-detail .star-badge").inner_text()
    assert "2150/QĐ-UBND" in phone.locator(".certificate-panel").inner_text()

    phone.get_by_role("button", name="Thêm vào giỏ hàng").click()
    phone.locator(".alert-success").first.wait_for()  # Oscar confirms on the product page
    assert phone.locator(".basket-link__count").inner_text() == "1"

    phone.locator(".basket-link").click()
    phone.wait_for_url("**/basket/")
    assert "Nước mắm sá sùng Quảng Ninh" in phone.locator("#content_inner").inner_text()
    phone.screenshot(path="test-results/basket-phone.png", full_page=True)


def test_header_box_suggests_products_as_the_shopper_types(phone, shop):
    phone.goto(f"{shop}/catalogue/")
    phone.type("#site-search-q", "mat o", delay=50)

    option = phone.locator("#site-search-suggestions option")
    option.first.wait_for(state="attached")
    assert option.first.get_attribute("value") == "Mật ong rừng thiên nhiên"


def test_layout_fits_a_phone_screen(phone, shop):
    phone.goto(f"{shop}/catalogue/")

    page_width = phone.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390  # no sideways scrolling
    columns = phone.evaluate(
        "getComputedStyle(document.querySelector('.product-grid')).gridTemplateColumns"
    )
    assert len(columns.split()) == 2  # two product cards a row


def test_language_switch_to_english(phone, shop):
    phone.goto(f"{shop}/catalogue/")
    phone.select_option("#lang-switch", "en")
    phone.wait_for_url("**/en/catalogue/")

    assert phone.locator("html").get_attribute("lang") == "en"
    assert "Log in" in phone.locator(".site-tools").inner_text()
