"""`load_demo` builds the CMS through code: a home page that leads to the provinces, the map,
the fairs calendar and the tourism pages, all filled, in Vietnamese and English; loading
again changes nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision, Site

from catalog.selectors import today
from cms.geo import in_vietnam
from cms.models import (
    ArticlePage,
    FairPage,
    PointOfSalePage,
    ProvincePage,
    TourismPage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings, tmp_path):
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.MEDIA_ROOT = tmp_path


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", "--no-images", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo():
    return load_demo()


def test_the_home_page_leads_to_every_section_and_they_are_filled(demo, client):
    home = client.get("/")
    for path in ("/tinh-thanh/", "/ban-do/", "/hoi-cho/", "/du-lich/", "/tin-tuc/"):
        assert f'href="{path}"' in home.text, path
        assert client.get(path).status_code == 200, path
    assert len(home.context["upcoming_fairs"]) >= 2
    assert len(home.context["points_of_sale"]) >= 3
    assert len(home.context["latest_articles"]) >= 3

    assert client.get("/hoi-cho/", {"view": "calendar"}).status_code == 200
    assert len(client.get("/ban-do/").context["places"]) >= 12
    tourism = client.get("/du-lich/").text
    assert "Du lịch cộng đồng bản Khe Rạn" in tourism and "Du lịch cộng đồng bản Nưa" in tourism


def test_every_demo_page_answers_in_both_languages(demo, client):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert {page.locale.language_code for page in pages} == {"vi", "en"}
    for page in pages:
        assert client.get(page.url).status_code == 200, page.url
    assert client.get("/en/").status_code == 200
    assert "Provinces" in client.get("/en/").text


def test_real_provinces_places_inside_them_and_fairs_either_side_of_today(demo):
    provinces = ProvincePage.objects.filter(locale__language_code="vi")
    names = {page.province.short_name for page in provinces}
    assert {"Nghệ An", "Quảng Ninh", "Tuyên Quang"} <= names
    shops = PointOfSalePage.objects.filter(locale__language_code="vi")
    assert 8 <= shops.count() <= 12
    for place in [*shops, *TourismPage.objects.all(), *FairPage.objects.all()]:
        assert in_vietnam(place.latitude, place.longitude), place.title
        parent = place.get_parent().specific
        if isinstance(parent, ProvincePage):
            assert place.commune.province_id == parent.province_id, place.title
        if isinstance(place, PointOfSalePage):
            assert place.opening_hours.exists(), place.title
    fairs = FairPage.objects.filter(locale__language_code="vi")
    assert fairs.filter(end_date__lt=today()).exists()
    assert fairs.filter(start_date__gt=today()).count() >= 3
    assert fairs.filter(level="national").exists() and fairs.filter(level="international").exists()


def test_the_tourism_pages_book_the_demo_tourism_services(demo, client):
    khe_ran = TourismPage.objects.get(slug="ban-khe-ran", locale__language_code="vi")
    assert khe_ran.service_product.title == "Du lịch cộng đồng bản Khe Rạn"
    assert "Đặt trải nghiệm OCOP này" in client.get(khe_ran.url).text
    nua = TourismPage.objects.get(slug="ban-nua", locale__language_code="vi")
    assert nua.service_product.title == "Du lịch cộng đồng bản Nưa"
    assert (
        nua.get_translation_or_none(Locale.objects.get(language_code="en")).title
        == "Nưa village community tourism"
    )


def test_province_editors_and_moderators_can_log_in(demo):
    User = get_user_model()
    editor = User.objects.get(username="bientap.nghean")
    assert editor.check_password("bientap")
    assert [group.name for group in editor.groups.all()] == ["Biên tập viên Nghệ An"]
    moderator = User.objects.get(username="kiemduyet.quangninh")
    assert [group.name for group in moderator.groups.all()] == ["Kiểm duyệt viên Quảng Ninh"]
    assert "CMS editor: bientap.nghean / bientap" in demo
    assert "CMS moderator: kiemduyet.nghean / kiemduyet" in demo


def test_loading_again_publishes_nothing_and_resets_no_password(demo):
    counts = (Page.objects.count(), Revision.objects.count(), ArticlePage.objects.count())
    editor = get_user_model().objects.get(username="bientap.nghean")
    editor.set_password("doi-mat-khau")
    editor.save()

    again = load_demo()

    assert (Page.objects.count(), Revision.objects.count(), ArticlePage.objects.count()) == counts
    assert "(0 created, 0 updated," in again
    editor.refresh_from_db()
    assert editor.check_password("doi-mat-khau")
    assert Site.objects.get(is_default_site=True).root_page.url_path == "/home/"
