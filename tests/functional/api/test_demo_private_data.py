"""On the demo shop (`load_demo`): no API answer, export or feed holds a producer's contact
phone or email, or any account's email."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from catalog.models import Producer, Province

from .test_private_data import walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())


def personal_values() -> set[str]:
    values = set()
    for phone, email in Producer.objects.values_list("phone", "email"):
        if phone:
            values |= {phone, re.sub(r"\D", "", phone)}
        if email:
            values.add(email)
    values |= {email for email in get_user_model().objects.values_list("email", flat=True) if email}
    return values


def test_the_demo_api_holds_no_contact_details(client, demo):
    values = personal_values()
    assert len(values) >= 5  # the demo has producers with contacts, and accounts

    seen = {}
    walk(client, "/api/v1/", seen)
    for name in ("products", "producers", "certificates", "points-of-sale", "fairs"):
        for row in client.get(
            f"/api/v1/{name}/?page_size=200", HTTP_ACCEPT="application/json"
        ).json()["results"]:
            walk(client, f"/api/v1/{name}/{row['id']}/", seen)
    for codename in (
        Province.objects.filter(producers__isnull=False)
        .values_list("codename", flat=True)
        .distinct()
    ):
        for name in ("products", "producers", "certificates", "points-of-sale", "fairs"):
            for fmt in ("csv", "json"):
                url = f"/api/v1/exports/{codename}/{name}.{fmt}"
                seen[url] = client.get(url)
    seen["feed"] = client.get("/feeds/google-merchant.xml")

    assert len(seen) > 50
    for url, answer in seen.items():
        assert answer.status_code == 200, url
        text = answer.content.decode()
        for value in values:
            assert value not in text, (url, value)
