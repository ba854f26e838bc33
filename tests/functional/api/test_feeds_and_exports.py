"""The shopping feed and a province's downloads: listed products only, parseable files."""

import csv
import io
import json
from xml.etree import ElementTree

import pytest
from django.contrib.auth import get_user_model

from catalog.services.roles import officer_appoint

from .conftest import PERSONAL_VALUES

pytestmark = pytest.mark.django_db

G = "{http://base.google.com/ns/1.0}"


def test_google_merchant_feed_lists_only_listed_products(client, shelf):
    answer = client.get("/feeds/google-merchant.xml")

    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/rss+xml")
    assert answer["ETag"] and answer["Cache-Control"] == "public, max-age=300"
    root = ElementTree.fromstring(answer.content)
    (item,) = root.iter("item")
    assert item.findtext("title") == "Mật ong rừng"
    assert item.findtext("link") == "http://testserver" + shelf["listed"].get_absolute_url()
    assert item.findtext(f"{G}price") == "150000 VND"
    assert item.findtext(f"{G}availability") == "in_stock"
    assert item.findtext(f"{G}id") == f"ocop-{shelf['listed'].pk}"
    assert item.findtext(f"{G}brand") == "HTX Mật ong Con Cuông"
    text = answer.content.decode()
    for name in ("revoked", "expired", "two_star", "hidden", "suspended"):
        assert shelf[name].title not in text
    for value in PERSONAL_VALUES:
        assert value not in text


def test_feed_says_out_of_stock_when_nothing_is_left(client, shelf):
    shelf["listed"].stockrecords.update(num_in_stock=0)
    root = ElementTree.fromstring(client.get("/feeds/google-merchant.xml").content)
    assert next(root.iter("item")).findtext(f"{G}availability") == "out_of_stock"


@pytest.mark.parametrize(
    "name", ["products", "producers", "certificates", "points-of-sale", "fairs"]
)
def test_a_province_exports_its_lists_as_csv_and_json(client, places, name):
    as_json = client.get(f"/api/v1/exports/nghe_an/{name}.json")
    as_csv = client.get(f"/api/v1/exports/nghe_an/{name}.csv")

    assert as_json.status_code == as_csv.status_code == 200
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="ocop-{name}-nghe_an.csv"' in as_csv["Content-Disposition"]
    rows = json.loads(as_json.content)
    table = list(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert len(rows) == len(table) >= 1
    assert [row["id"] for row in rows] == [int(row["id"]) for row in table]
    for row in table:
        assert row["province.codename"] == "nghe_an"
    for value in PERSONAL_VALUES:
        assert value not in as_csv.content.decode() + as_json.content.decode()


def test_exports_hold_the_same_listed_products_as_the_api(client, shelf):
    rows = json.loads(client.get("/api/v1/exports/nghe_an/products.json").content)
    assert [row["title"] for row in rows] == ["Mật ong rừng"]
    empty = client.get("/api/v1/exports/quang_ninh/products.csv").content.decode("utf-8-sig")
    assert empty.strip() == ""  # no rows, so no columns either


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/exports/atlantis/products.csv",
        "/api/v1/exports/nghe_an/orders.csv",
        "/api/v1/exports/nghe_an/products.xlsx",
    ],
)
def test_an_unknown_export_is_404(client, db, url):
    assert client.get(url).status_code == 404


def test_the_province_office_statistics_page_links_its_open_data(
    django_app, shelf, nghe_an_province
):
    user = get_user_model().objects.create_user("canbo", "canbo@ocop.test", "pw")
    officer_appoint(user=user, province=nghe_an_province)
    page = django_app.get("/dashboard/province/statistics/", user=user)

    links = [a["href"] for a in page.html.select("a[href^='/api/v1/exports/']")]
    assert "/api/v1/exports/nghe_an/products.csv" in links
    assert len(links) == 10  # five lists, CSV and JSON
    export = django_app.get("/api/v1/exports/nghe_an/products.csv")
    assert "Mật ong rừng" in export.text
