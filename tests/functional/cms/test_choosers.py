"""The admin's product and producer choosers offer the whole catalog, say what is listed
today, and search by name and province."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from catalog.models import Province
from catalog.services.certificates import certificate_revoke
from tests.factories import make_ocop_product, make_producer

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(get_user_model().objects.create_superuser("chief", "c@ocop.local", "x"))
    return client


@pytest.fixture
def catalogue():
    lapsed = make_ocop_product(title="Tinh bột sắn dây")
    certificate_revoke(certificate=lapsed.certificates.get(), reason="Thu hồi")
    ha_long = make_producer(name="Đặc sản Hạ Long", province=Province.objects.get(pk=22))
    return {
        "honey": make_ocop_product(title="Mật ong rừng"),
        "lapsed": lapsed,
        "squid": make_ocop_product(title="Chả mực Hạ Long", producer=ha_long),
    }


def rows(response) -> dict:
    table = response.context["table"]
    return {str(row.instance): row.instance.listed for row in table.rows}


def test_the_product_chooser_offers_every_product_and_says_which_are_listed(
    editor_client, catalogue
):
    response = editor_client.get(reverse("product_chooser:choose"))
    assert response.status_code == 200
    assert rows(response) == {
        "Mật ong rừng": True,
        "Tinh bột sắn dây": False,
        "Chả mực Hạ Long": True,
    }


def test_the_product_chooser_searches_by_name_and_province(editor_client, catalogue):
    found = editor_client.get(reverse("product_chooser:choose_results"), {"q": "mực"})
    assert list(rows(found)) == ["Chả mực Hạ Long"]
    in_nghe_an = editor_client.get(reverse("product_chooser:choose_results"), {"province": "40"})
    assert set(rows(in_nghe_an)) == {"Mật ong rừng", "Tinh bột sắn dây"}


def test_the_producer_chooser(editor_client, catalogue):
    response = editor_client.get(reverse("producer_chooser:choose"), {"q": "Hạ Long"})
    assert rows(response) == {"Đặc sản Hạ Long": True}


def test_the_choosers_are_for_cms_users_only(client, catalogue):
    response = client.get(reverse("product_chooser:choose"))
    assert response.status_code == 302 and "/cms/login/" in response["Location"]
