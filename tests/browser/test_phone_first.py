"""A Vietnamese shopper's phone (390×844): the home page's first screen shows the search box
and products with their stars and prices, the header keeps one line, the category bar is a
carousel the shopper can see, nothing else scrolls sideways and every tap target is at least
44 px. Screenshots of the home, product, basket and checkout pages in Vietnamese and English
are kept in test-results/phone/ (gitignored; CI keeps the folder as an artifact)."""

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.browser.storefront import build_storefront

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH, HEIGHT = 390, 844
TAP = 44
SCREENSHOTS = ARTIFACTS / "phone"


@pytest.fixture
def shop(live_server, places):
    return live_server.url, build_storefront()


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found, f"{locator} is not drawn"
    return found


def on_first_screen(b: dict) -> bool:
    return (
        b["x"] >= 0
        and b["y"] >= 0
        and b["x"] + b["width"] <= WIDTH
        and (b["y"] + b["height"] <= HEIGHT)
    )


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


# Every visible control a thumb can reach: its box, named for the failure message.
TAP_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
  .map(el => { const r = el.getBoundingClientRect();
    return {name: (el.getAttribute('aria-label') || el.textContent || el.name || el.id).trim(),
            width: r.width, height: r.height}; })"""


def test_first_screen_of_the_home_page(phone, shop):
    url, _ = shop
    phone.goto(url + "/")

    # The header keeps one line: brand, account, basket and language side by side.
    header_row = [box(phone.locator(".brand"))] + [
        box(item) for item in phone.locator(".site-tools > *").all()
    ]
    middles = [b["y"] + b["height"] / 2 for b in header_row]
    assert max(middles) - min(middles) <= 4, header_row
    assert max(b["height"] for b in header_row) <= 56
    assert (
        phone.locator(".site-tools").bounding_box()["x"]
        + phone.locator(".site-tools").bounding_box()["width"]
        <= WIDTH
    )

    # The search box is on the first screen.
    assert on_first_screen(box(phone.locator("#site-search-q")))
    assert on_first_screen(box(phone.locator(".site-search button")))

    # At least two products, each with its star badge and price, before any scrolling.
    cards = phone.locator(".home-featured .product-card").all()
    shown = [
        card
        for card in cards
        if on_first_screen(box(card.locator(".star-badge")))
        and on_first_screen(box(card.locator(".product-card__price")))
        and on_first_screen(box(card.locator(".product-card__title")))
    ]
    assert len(shown) >= 2, "fewer than two products with stars and price on the first screen"
    for card in shown:
        assert "OCOP" in card.locator(".star-badge").inner_text()
        assert "₫" in card.locator(".product-card__price").inner_text()
    # The products come before the hero.
    assert box(phone.locator(".home-featured")).get("y") < box(phone.locator(".hero"))["y"]

    # The category bar is a carousel: it scrolls sideways within itself and shows that it does.
    bar = phone.locator(".group-menu__list")
    overflow = bar.evaluate("el => getComputedStyle(el).overflowX")
    assert overflow in ("auto", "scroll")
    assert bar.evaluate("el => el.scrollWidth > el.clientWidth")
    links = bar.locator("a")
    assert on_first_screen(box(links.first))
    assert box(links.last)["x"] >= WIDTH  # more groups wait to the right…
    bar.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    phone.wait_for_timeout(100)
    assert box(links.last)["x"] + box(links.last)["width"] <= WIDTH  # …and scroll into view

    # The same holds for the product strip, and the page itself never scrolls sideways.
    no_sideways_scroll(phone)

    # Every control in the header, the category bar and the first products is 44 px or more.
    small = [
        target
        for target in phone.evaluate(
            TAP_TARGETS,
            ".site-header a, .site-header button, .site-header input, .site-header select,"
            " .home-featured a, .hero a",
        )
        if target["width"] < TAP or target["height"] < TAP
    ]
    assert not small, small

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "home-vi.png"))


def test_the_home_page_is_light_on_a_phone(phone, shop):
    """Everything the browser fetches for its first load (the page, styles, scripts and
    pictures), as sent over the wire: under 500 KB. Fonts are the system's."""
    url, _ = shop
    fetched = []
    phone.on("requestfinished", lambda request: fetched.append(request))
    phone.goto(url + "/", wait_until="load")
    phone.wait_for_load_state("networkidle")

    sizes = {request.url: request.sizes() for request in fetched}
    weight = sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes.values())
    assert weight < 500_000, sorted(
        ((size["responseBodySize"], url) for url, size in sizes.items()), reverse=True
    )
    # Cards take their small pictures: none is the 800 px product-page size.
    pictures = [u for u in sizes if u.endswith(".jpg")]
    assert pictures
    widths = phone.evaluate(
        "[...document.querySelectorAll('.product-card img')].filter(i => i.currentSrc)"
        ".map(i => i.naturalWidth)"
    )
    assert widths and max(widths) <= 400


@pytest.mark.parametrize("language", ["vi", "en"])
def test_screenshots_of_the_shopping_pages(phone, shop, language):
    url, storefront = shop
    prefix = "" if language == "vi" else "/en"
    product = storefront["products"][0]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    phone.goto(f"{url}{prefix}/")
    assert phone.locator("html").get_attribute("lang") == language
    no_sideways_scroll(phone)
    phone.screenshot(path=str(SCREENSHOTS / f"home-{language}.png"))

    phone.goto(f"{url}{prefix}{product.get_absolute_url()}")
    no_sideways_scroll(phone)
    phone.screenshot(path=str(SCREENSHOTS / f"product-{language}.png"), full_page=True)
    phone.locator(".add-to-basket button[type=submit]").click()
    phone.locator(".alert-success").first.wait_for()

    phone.goto(f"{url}{prefix}/basket/")
    assert phone.locator(".basket-link__count").inner_text() == "1"
    no_sideways_scroll(phone)
    phone.screenshot(path=str(SCREENSHOTS / f"basket-{language}.png"), full_page=True)

    phone.goto(f"{url}{prefix}/checkout/")
    phone.fill("#id_username", "khach@example.vn")
    phone.check("input[name=options][value=anonymous]")
    phone.locator("form button[type=submit]").last.click()
    phone.wait_for_url("**/checkout/shipping-address/")
    no_sideways_scroll(phone)
    phone.screenshot(path=str(SCREENSHOTS / f"checkout-{language}.png"), full_page=True)
