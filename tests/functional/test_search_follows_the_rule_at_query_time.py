"""The search index can lag behind the catalog: midnight passes before the nightly expiry
job, and a bulk `update()`, a fixture or a data migration sends no signal. Results, totals,
facets and suggestions must still leave out what the listing rule no longer allows."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from oscar.core.loading import get_model

from catalog.models import Certificate, Producer
from search.models import ProductIndexEntry
from tests.factories import make_ocop_product, make_producer

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def honey(honey_group):
    """Two honeys of two producers, both listed and indexed."""
    other = make_producer(name="HTX Ong Hà Giang")
    return {
        "lapsing": make_ocop_product(
            title="Mật ong bạc hà", stars=4, category=honey_group, producer=other
        ),
        "staying": make_ocop_product(title="Mật ong rừng", stars=3, category=honey_group),
    }


def shown(django_app, url="/search/", **params):
    """What a shopper sees: titles, the total above the list, star facets, suggestions."""
    page = django_app.get(url, params=params)
    facets = {
        a.get_text(" ", strip=True).rsplit(" ", 1)[0]: int(a.select_one(".facet-count").text)
        for a in page.html.select(".facet--stars a")
    }
    suggestions = django_app.get("/search/suggest/", params={"q": "mat ong"}).json["suggestions"]
    return {
        "titles": sorted(a.text for a in page.html.select(".product-card__title a")),
        "total": page.html.select_one(".result-count").text.strip(),
        "stars": facets,
        "suggested": sorted(s["title"] for s in suggestions),
    }


ONLY_THE_STAYING_ONE = {
    "titles": ["Mật ong rừng"],
    "total": "1 sản phẩm",
    "stars": {"★★★": 1},
    "suggested": ["Mật ong rừng"],
}


def test_both_are_found_before_anything_changes(django_app, honey):
    seen = shown(django_app, q="mat ong")
    assert seen["titles"] == ["Mật ong bạc hà", "Mật ong rừng"]
    assert seen["total"] == "2 sản phẩm"


def test_a_certificate_lapsing_at_midnight_leaves_search_before_the_nightly_job(django_app, honey):
    last_day = honey["lapsing"].certificates.get().valid_until
    just_after_midnight = datetime.datetime.combine(
        last_day + datetime.timedelta(days=1), datetime.time(0, 5), VN
    )
    assert len(shown(django_app, q="mat ong")["titles"]) == 2  # and now cached
    with time_machine.travel(just_after_midnight, tick=False):
        # The other certificate was issued the same day: keep it valid for this check.
        Certificate.objects.filter(product=honey["staying"]).update(
            valid_until=last_day + datetime.timedelta(days=30)
        )
        assert ProductIndexEntry.objects.count() == 2  # the job has not run: index is stale
        assert shown(django_app, q="mat ong") == ONLY_THE_STAYING_ONE
        assert shown(django_app, url="/catalogue/")["total"] == "1 sản phẩm"


@pytest.mark.parametrize(
    "bulk_change",
    [
        lambda p: Product.objects.filter(pk=p.pk).update(is_public=False),
        lambda p: Certificate.objects.filter(product=p).update(status="revoked"),
        lambda p: Certificate.objects.filter(product=p).update(stars=2, score=40),
        lambda p: Producer.objects.filter(partner__stockrecords__product=p).update(
            status="suspended"
        ),
    ],
    ids=["hidden", "revoked", "re-rated-2-stars", "producer-suspended"],
)
def test_a_bulk_update_without_signals_leaves_search_at_once(django_app, honey, bulk_change):
    assert len(shown(django_app, q="mat ong")["titles"]) == 2  # and now cached
    bulk_change(honey["lapsing"])

    assert ProductIndexEntry.objects.count() == 2  # no signal was sent: the index is stale
    assert shown(django_app, q="mat ong") == ONLY_THE_STAYING_ONE
    category_page = shown(django_app, url=honey["staying"].categories.get().get_absolute_url())
    assert category_page["titles"] == ["Mật ong rừng"]
    assert category_page["total"] == "1 sản phẩm"
