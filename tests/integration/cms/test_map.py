"""The map's places: GeoJSON that validates (RFC 7946) with every point inside Việt Nam, the
same places as a plain list without JavaScript, filtered by province and kind."""

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from geojson_pydantic import FeatureCollection

from cms.geo import in_vietnam
from tests.factories.cms import HA_LONG, commune, make_fair, make_point_of_sale, make_tourism_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(nghe_an, quang_ninh):
    return {
        "vinh": make_point_of_sale(nghe_an),
        "ha_long": make_point_of_sale(
            quang_ninh,
            title="Trung tâm OCOP Hạ Long",
            slug="trung-tam-ocop-ha-long",
            commune=commune(22, "Phường Bãi Cháy"),
            **HA_LONG,
        ),
        "fair": make_fair(nghe_an),
        "past_fair": make_fair(nghe_an, starts_in=-30, slug="phien-cho", title="Phiên chợ cũ"),
        "khe_ran": make_tourism_page(nghe_an),
    }


def geojson(client, **params) -> dict:
    response = client.get("/places.geojson", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return response.json()


def test_the_geojson_validates_and_every_point_is_in_vietnam(places, client):
    data = geojson(client)

    collection = FeatureCollection.model_validate(data)  # raises on anything not RFC 7946
    assert len(collection.features) == 4  # the past fair is not on the map
    bounds = settings.OCOP_VIETNAM_BOUNDS
    for feature in collection.features:
        longitude, latitude = feature.geometry.coordinates  # GeoJSON: longitude first
        assert bounds["west"] <= longitude <= bounds["east"]
        assert bounds["south"] <= latitude <= bounds["north"]
        assert in_vietnam(latitude, longitude)
        assert feature.properties["url"].startswith("/tinh-thanh/")
    kinds = sorted(feature.properties["kind"] for feature in collection.features)
    assert kinds == ["fair", "point_of_sale", "point_of_sale", "tourism"]


def test_points_of_sale_say_whether_they_are_open(places, client):
    shops = [f for f in geojson(client)["features"] if f["properties"]["kind"] == "point_of_sale"]
    assert {type(f["properties"]["open_now"]) for f in shops} == {bool}
    others = [f for f in geojson(client)["features"] if f["properties"]["kind"] != "point_of_sale"]
    assert {f["properties"]["open_now"] for f in others} == {None}


def test_filtered_by_province_and_kind(places, client):
    titles = {f["properties"]["title"] for f in geojson(client, province="quang_ninh")["features"]}
    assert titles == {"Trung tâm OCOP Hạ Long"}
    data = geojson(client, province="nghe_an", kind="tourism")
    assert [f["properties"]["title"] for f in data["features"]] == ["Du lịch cộng đồng bản Khe Rạn"]


def test_the_map_page_lists_the_same_places_without_javascript(places, sections, client):
    page = client.get(sections["map"].url, {"province": "nghe_an"})

    html = page.text
    listed = [place.title for place in page.context["places"]]
    assert sorted(listed) == sorted(
        f["properties"]["title"] for f in geojson(client, province="nghe_an")["features"]
    )
    for title in listed:
        assert title in html
    assert "Trung tâm OCOP Hạ Long" not in html
    # Leaflet comes from this site, never a CDN; the map data URL keeps the filter.
    assert "/static/leaflet/leaflet.js" in html and "unpkg" not in html and "cdn" not in html
    assert 'data-geojson="/places.geojson?province=nghe_an"' in html
    assert finders.find("leaflet/leaflet.js") and finders.find("leaflet/leaflet.css")
