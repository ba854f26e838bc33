"""A visitor on a phone opens the map, narrows it to one province, opens a point of sale and
sees that it is open now and what OCOP products it sells. Screenshots in test-results/."""

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.factories import make_ocop_product, make_producer
from tests.factories.cms import (
    HA_LONG,
    commune,
    make_live_home_page,
    make_point_of_sale,
    make_province_page,
    make_sections,
    week,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server, places):
    home = make_live_home_page()
    sections = make_sections(home)
    nghe_an = make_province_page(sections["provinces"])
    quang_ninh = make_province_page(sections["provinces"], code=22)
    honey = make_ocop_product(title="Mật ong rừng Pù Mát", price=250000)
    tea = make_ocop_product(title="Trà hoa vàng Ba Chẽ", producer=make_producer(name="HTX Ba Chẽ"))
    # Open round the clock, so "open now" holds whenever the test runs.
    make_point_of_sale(
        nghe_an, hours=week("00:00", "00:00", closes_next_day=True), products=[honey]
    )
    make_point_of_sale(
        quang_ninh,
        title="Trung tâm OCOP Hạ Long",
        slug="trung-tam-ocop-ha-long",
        commune=commune(22, "Phường Bãi Cháy"),
        products=[tea],
        **HA_LONG,
    )
    return live_server.url, sections["map"]


def test_phone_visitor_finds_an_open_point_of_sale_on_the_map(phone, site):
    server, map_page = site
    phone.goto(f"{server}{map_page.url}")
    assert phone.locator(".map-list li.place-card").count() == 2
    # Leaflet, served by the shop, draws one marker per place from the GeoJSON.
    phone.locator(".leaflet-marker-icon").nth(1).wait_for()
    assert phone.locator(".leaflet-marker-icon").count() == 2

    phone.select_option("#map-province", "nghe_an")
    phone.wait_for_url("**/ban-do/?province=nghe_an**")
    phone.locator(".leaflet-marker-icon").first.wait_for()
    cards = phone.locator(".map-list li.place-card")
    assert cards.count() == 1
    assert "Đang mở cửa" in cards.first.inner_text()
    assert phone.locator(".leaflet-marker-icon").count() == 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "map-phone.png"), full_page=True)

    cards.first.get_by_role("link", name="Trung tâm OCOP Vinh").click()
    phone.wait_for_url("**/tinh-thanh/nghe-an/trung-tam-ocop-vinh/")
    assert "Đang mở cửa" in phone.locator(".pos-summary").inner_text()
    sold_here = phone.locator(
        "section", has=phone.get_by_role("heading", name="Sản phẩm OCOP bán tại đây")
    )
    assert "Mật ong rừng Pù Mát" in sold_here.inner_text()
    assert "250.000\xa0₫" in sold_here.inner_text()
    phone.screenshot(path=str(ARTIFACTS / "point-of-sale-phone.png"), full_page=True)


def test_nearest_first_when_the_phone_shares_its_location(browser, site):
    server, map_page = site
    # A visitor on Bãi Cháy beach in Hạ Long.
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        locale="vi-VN",
        geolocation={"latitude": 20.9540, "longitude": 107.0480},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto(f"{server}{map_page.url}")
    cards = page.locator(".map-list li.place-card")
    assert "Trung tâm OCOP Vinh" in cards.first.inner_text()  # by province, Nghệ An first

    page.get_by_role("button", name="Gần tôi nhất trước").click()
    page.get_by_text("Gần nhất xếp trước.").wait_for()
    assert "Trung tâm OCOP Hạ Long" in cards.first.inner_text()
    distance = cards.first.locator("[data-distance]").inner_text()
    assert distance.endswith(" km") and float(distance.removesuffix(" km")) < 1
    context.close()


def test_the_list_works_without_javascript(browser, site):
    server, map_page = site
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{server}{map_page.url}")
    assert page.locator("#ocop-map").is_hidden()  # no empty map box without its script
    page.select_option("#map-province", "quang_ninh")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**province=quang_ninh**")
    assert page.locator(".map-list li.place-card").all_inner_texts()[0].count("Hạ Long") >= 1
    assert page.locator(".map-list li.place-card").count() == 1
    context.close()
