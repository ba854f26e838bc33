"""The OpenAPI schema is valid, and every GET it describes answers 200 with JSON."""

import re

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_schema_validates_and_every_get_it_describes_answers(client, places, shelf):
    answer = client.get("/api/v1/schema/", {"format": "json"})
    assert answer.status_code == 200
    schema = answer.json()
    validate(schema)

    values = {
        "id": shelf["listed"].pk,
        "codename": "nghe_an",
        "slug": "thuc-pham",
        "name": "products",
        "fmt": "json",
    }
    point_of_sale, fair = places["vinh"].pk, places["fair"].pk
    called = []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        assert path.startswith("/api/v1/")
        url = re.sub(r"{(\w+)}", lambda m: str(values[m[1]]), path)
        if path.startswith("/api/v1/points-of-sale/{"):
            url = f"/api/v1/points-of-sale/{point_of_sale}/"
        elif path.startswith("/api/v1/fairs/{"):
            url = f"/api/v1/fairs/{fair}/"
        elif path.startswith("/api/v1/producers/{"):
            url = f"/api/v1/producers/{shelf['listed'].stockrecords.get().partner.producer.pk}/"
        elif path.startswith("/api/v1/certificates/{"):
            url = f"/api/v1/certificates/{shelf['revoked'].certificates.get().pk}/"
        reply = client.get(url, HTTP_ACCEPT="application/json")
        assert reply.status_code == 200, url
        reply.json()
        called.append(path)
    assert len(called) >= 15
