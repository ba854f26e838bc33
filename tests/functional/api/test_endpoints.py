"""Each endpoint as a partner's program reads it: shape, filters, pages, caching headers,
CORS; and the listing rule as the only gate to product lists."""

import datetime

import pytest
from django.utils import timezone
from geojson_pydantic import FeatureCollection

from catalog import selectors
from catalog.services.certificates import certificate_revoke
from tests.factories import make_ocop_product

from .conftest import certificate_of

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    return client.get(url, params, HTTP_ACCEPT="application/json")


def titles(answer):
    return [row["title"] for row in answer.json()["results"]]


def test_products_are_the_listed_ones_with_what_a_partner_needs(client, shelf):
    answer = get(client, "/api/v1/products/")

    assert answer.status_code == 200
    (product,) = answer.json()["results"]
    listed = shelf["listed"]
    certificate = certificate_of(listed)
    assert product["title"] == "Mật ong rừng"
    assert product["stars"] == 4
    assert product["certificate"]["decision_number"] == certificate.decision_number
    assert product["certificate"]["valid_until"] == certificate.valid_until.isoformat()
    assert product["price_vnd"] == 150000 and product["currency"] == "VND"
    assert product["in_stock"] is True
    assert product["groups"] == [{"slug": "thuc-pham", "name": "Thực phẩm", "parent": None}]
    assert product["province"] == {"code": 40, "codename": "nghe_an", "name": "Nghệ An"}
    assert product["producer"]["name"] == "HTX Mật ong Con Cuông"
    assert product["url"] == "http://testserver" + listed.get_absolute_url()
    code = listed.batches.get().trace_code
    assert product["trace_url"] == f"http://testserver/trace/{code}/"
    assert client.get(product["trace_url"]).status_code == 200


@pytest.mark.parametrize("name", ["revoked", "expired", "two_star", "hidden", "suspended"])
def test_an_unlisted_product_is_in_no_list_and_has_no_detail(client, shelf, name):
    product = shelf[name]
    assert product.title not in titles(get(client, "/api/v1/products/"))
    assert get(client, f"/api/v1/products/{product.pk}/").status_code == 404
    assert get(client, f"/api/v1/products/{shelf['listed'].pk}/").status_code == 200


def test_a_product_leaves_the_api_the_moment_its_certificate_is_revoked(client, shelf):
    certificate_revoke(certificate=certificate_of(shelf["listed"]), reason="Dùng sai logo OCOP")

    assert titles(get(client, "/api/v1/products/")) == []


def test_certificates_of_every_status_say_whether_their_product_is_on_sale(client, shelf):
    rows = {
        row["product"]["title"]: row
        for row in get(client, "/api/v1/certificates/").json()["results"]
    }

    assert rows["Mật ong rừng"]["status"] == "valid"
    assert rows["Mật ong rừng"]["product"]["on_sale"] is True
    assert rows["Mật ong rừng"]["product"]["url"].endswith(shelf["listed"].get_absolute_url())
    revoked = rows["Nước mắm bị thu hồi"]
    assert revoked["status"] == "revoked"
    assert revoked["status_reason"] == "Vi phạm an toàn thực phẩm"
    assert revoked["product"] == {
        "id": shelf["revoked"].pk,
        "title": "Nước mắm bị thu hồi",
        "on_sale": False,
        "url": None,
    }
    assert rows["Giò bê hết hạn"]["status"] == "expired"
    assert rows["Giò bê hết hạn"]["product"]["on_sale"] is False
    for name in ("two_star", "hidden", "suspended"):
        assert rows[shelf[name].title]["product"]["on_sale"] is False


def test_certificate_filters(client, shelf):
    def products(**params):
        rows = get(client, "/api/v1/certificates/", **params).json()["results"]
        return sorted(row["product"]["title"] for row in rows)

    assert products(status="revoked") == ["Nước mắm bị thu hồi"]
    assert products(status="expired") == ["Giò bê hết hạn"]
    assert products(stars=2) == ["Bánh hai sao"]
    number = certificate_of(shelf["revoked"]).decision_number
    assert products(number=f"  {number.lower()} ") == ["Nước mắm bị thu hồi"]
    assert len(products(province="nghe_an")) == 6
    assert products(province="quang_ninh") == []


def test_producers_are_public_profiles_of_those_with_a_listed_product(client, shelf):
    (producer,) = get(client, "/api/v1/producers/").json()["results"]

    assert producer["name"] == "HTX Mật ong Con Cuông"
    assert producer["province"]["codename"] == "nghe_an"
    for private in ("contact_person", "phone", "email", "registration_number", "status_reason"):
        assert private not in producer
    products = client.get(producer["products_url"], HTTP_ACCEPT="application/json")
    assert titles(products) == ["Mật ong rừng"]


def test_provinces_carry_the_figures_their_pages_show(client, shelf, nghe_an_province):
    provinces = get(client, "/api/v1/provinces/").json()
    assert len(provinces) == 34
    row = next(p for p in provinces if p["codename"] == "nghe_an")
    assert (row["listed_products"], row["producers"]) == (1, 1)

    detail = get(client, row["url"]).json()
    figures = selectors.province_figures(nghe_an_province)
    assert detail["listed_products"] == figures["products"] == 1
    assert {"stars": 4, "products": 1} in detail["by_stars"]
    assert detail["by_group"] == [{"slug": "thuc-pham", "name": "Thực phẩm", "products": 1}]
    assert get(client, "/api/v1/provinces/atlantis/").status_code == 404


def test_product_filters(client, shelf, honey_group):
    def listed(**params):
        return titles(get(client, "/api/v1/products/", **params))

    assert listed(province="nghe_an") == ["Mật ong rừng"]
    assert listed(province="quang_ninh") == []
    assert listed(group="thuc-pham") == ["Mật ong rừng"]
    assert listed(stars=4) == ["Mật ong rừng"]
    assert listed(stars=3) == []
    assert listed(producer=shelf["listed"].stockrecords.get().partner.producer.pk) == [
        "Mật ong rừng"
    ]
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert listed(updated_since=tomorrow.isoformat()) == []
    assert listed(updated_since="2020-01-01") == ["Mật ong rừng"]


def test_updated_since_sees_a_new_certificate_of_an_old_product(client, shelf):
    since = timezone.now()
    certificate_revoke(certificate=certificate_of(shelf["listed"]), reason="Sai nhãn")
    answer = get(client, "/api/v1/certificates/", updated_since=since.isoformat())
    assert [row["product"]["title"] for row in answer.json()["results"]] == ["Mật ong rừng"]


@pytest.mark.parametrize(
    "url, params, says",
    [
        ("/api/v1/products/", {"province": "atlantis"}, "atlantis"),
        ("/api/v1/products/", {"stars": "2"}, "2"),
        ("/api/v1/products/", {"stars": "many"}, "many"),
        ("/api/v1/products/", {"group": "no-such-group"}, "no-such-group"),
        ("/api/v1/products/", {"updated_since": "yesterday"}, "updated_since"),
        ("/api/v1/products/", {"provnce": "nghe_an"}, "provnce"),
        ("/api/v1/certificates/", {"status": "rejected"}, "rejected"),
        ("/api/v1/producers/", {"province": "x"}, "x"),
        ("/api/v1/points-of-sale/", {"province": "x"}, "x"),
        ("/api/v1/points-of-sale/geojson/", {"province": "x"}, "x"),
        ("/api/v1/fairs/", {"when": "someday"}, "someday"),
    ],
)
def test_a_bad_filter_answers_400_saying_what_is_wrong(client, db, url, params, says):
    answer = get(client, url, **params)

    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/json"
    assert says in answer.content.decode()


def test_cursor_pages_walk_every_listed_product_once(client, shelf, honey_group):
    producer = shelf["listed"].stockrecords.get().partner.producer
    for i in range(4):
        make_ocop_product(title=f"Trà số {i}", producer=producer, category=honey_group)
    seen, url = [], "/api/v1/products/?page_size=2"
    while url:
        page = client.get(url, HTTP_ACCEPT="application/json").json()
        assert len(page["results"]) <= 2
        seen += [row["title"] for row in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(["Mật ong rừng", *(f"Trà số {i}" for i in range(4))])
    assert get(client, "/api/v1/products/", page_size=1000).status_code == 200  # capped


def test_answers_carry_caching_headers_and_honour_conditional_requests(client, shelf):
    first = get(client, "/api/v1/products/")
    assert first["Cache-Control"] == "public, max-age=300"
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified

    same = client.get("/api/v1/products/", HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=etag)
    assert same.status_code == 304
    since = client.get(
        "/api/v1/products/", HTTP_ACCEPT="application/json", HTTP_IF_MODIFIED_SINCE=modified
    )
    assert since.status_code == 304

    certificate_revoke(certificate=certificate_of(shelf["listed"]), reason="Sai nhãn")
    changed = client.get(
        "/api/v1/products/", HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=etag
    )
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert titles(changed) == []


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/",
        "/api/v1/products/",
        "/api/v1/groups/",
        "/api/v1/producers/",
        "/api/v1/certificates/",
        "/api/v1/provinces/",
        "/api/v1/provinces/nghe_an/",
        "/api/v1/points-of-sale/",
        "/api/v1/points-of-sale/geojson/",
        "/api/v1/fairs/",
    ],
)
def test_every_endpoint_is_cacheable_and_open_to_other_sites(client, places, url):
    answer = client.get(url, HTTP_ACCEPT="application/json", HTTP_ORIGIN="https://bao.example")

    assert answer.status_code == 200
    assert answer["Access-Control-Allow-Origin"] == "*"
    assert answer["Cache-Control"] == "public, max-age=300"
    assert answer["ETag"] and answer["Last-Modified"]
    assert (
        client.get(
            url, HTTP_IF_NONE_MATCH=answer["ETag"], HTTP_ACCEPT="application/json"
        ).status_code
        == 304
    )


def test_cors_stays_off_the_shop_itself(client, shelf):
    answer = client.get("/catalogue/", HTTP_ORIGIN="https://bao.example")
    assert "Access-Control-Allow-Origin" not in answer


def test_points_of_sale_as_json_and_geojson(client, places):
    rows = get(client, "/api/v1/points-of-sale/", province="nghe_an").json()["results"]
    assert [row["title"] for row in rows] == ["Trung tâm OCOP Vinh"]
    assert rows[0]["phone"] == "0238 3 844 555"
    assert len(rows[0]["opening_hours"]) == 7

    geo = get(client, "/api/v1/points-of-sale/geojson/", province="quang_ninh")
    assert geo["Content-Type"] == "application/geo+json"
    collection = FeatureCollection.model_validate(geo.json())
    assert [f.properties["title"] for f in collection.features] == ["Điểm OCOP Hạ Long"]


def test_fairs_link_their_calendar_file(client, places):
    (fair,) = get(client, "/api/v1/fairs/").json()["results"]
    assert fair["title"] == "Hội chợ OCOP Nghệ An"
    calendar = client.get(fair["ics_url"])
    assert calendar.status_code == 200
    assert calendar["Content-Type"].startswith("text/calendar")
    assert get(client, "/api/v1/fairs/", when="past").json()["results"] == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_browser_gets_the_browsable_api_in_its_language(client, shelf, language):
    page = client.get("/api/v1/products/", HTTP_ACCEPT="text/html", HTTP_ACCEPT_LANGUAGE=language)

    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert "Mật ong rừng" in page.content.decode()
    assert page["Content-Language"] == language
