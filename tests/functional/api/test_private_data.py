"""Personal data never leaves through the API: walk every endpoint, list and detail, and
look for the producers' contact details, shoppers' emails and tax numbers."""

import pytest

from .conftest import PERSONAL_VALUES

pytestmark = pytest.mark.django_db


def walk(client, url, seen):
    """Every API URL reachable from `url` by the links in the answers."""
    if url in seen or "/schema/" in url:
        return
    seen[url] = client.get(url, HTTP_ACCEPT="application/json")
    body = seen[url].json() if seen[url]["Content-Type"].endswith("json") else None

    def links(value):
        if isinstance(value, dict):
            for item in value.values():
                yield from links(item)
        elif isinstance(value, list):
            for item in value:
                yield from links(item)
        elif isinstance(value, str) and value.startswith("http://testserver/api/v1/"):
            yield value.removeprefix("http://testserver")

    for link in list(links(body)):
        walk(client, link, seen)


def test_no_answer_of_the_api_holds_personal_data(client, places, shelf):
    seen = {}
    walk(client, "/api/v1/", seen)
    for row in client.get("/api/v1/products/", HTTP_ACCEPT="application/json").json()["results"]:
        walk(client, f"/api/v1/products/{row['id']}/", seen)
    for row in client.get("/api/v1/certificates/", HTTP_ACCEPT="application/json").json()[
        "results"
    ]:
        walk(client, f"/api/v1/certificates/{row['id']}/", seen)
    for row in client.get("/api/v1/points-of-sale/", HTTP_ACCEPT="application/json").json()[
        "results"
    ]:
        walk(client, f"/api/v1/points-of-sale/{row['id']}/", seen)
    walk(client, "/api/v1/producers/?province=nghe_an", seen)
    walk(client, "/api/v1/schema/", {})
    seen["schema"] = client.get("/api/v1/schema/")

    assert len(seen) > 20  # the walk reached lists and details
    for url, answer in seen.items():
        assert answer.status_code == 200, url
        text = answer.content.decode()
        for value in PERSONAL_VALUES:
            assert value not in text, (url, value)
