"""The index follows the catalog: changes are indexed when their transaction commits,
together, and whatever stops being listable leaves the index."""

import datetime
import io

import pytest
from django.core.management import call_command

from catalog.services.certificates import certificate_revoke
from catalog.services.producers import producer_suspend
from search.backends import get_backend
from search.models import ProductIndexEntry
from tests.factories import make_ocop_product, make_producer

pytestmark = pytest.mark.django_db


def indexed_titles():
    return sorted(ProductIndexEntry.objects.values_list("title", flat=True))


def test_changes_are_indexed_once_when_the_transaction_commits(
    settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_INDEX_IMMEDIATELY = False
    with django_capture_on_commit_callbacks() as callbacks:
        producer = make_producer()
        make_ocop_product(title="Cam Vinh", producer=producer)
        make_ocop_product(title="Giò bê Chung Tài", producer=producer)
        assert indexed_titles() == []  # nothing before the commit

    assert len(callbacks) == 1  # one batch for the whole transaction
    callbacks[0]()
    assert indexed_titles() == ["Cam Vinh", "Giò bê Chung Tài"]


def test_revoked_suspended_and_unpublished_products_leave_the_index():
    producer = make_producer(name="HTX Từ Tâm")
    revoked = make_ocop_product(title="Giò bê", producer=producer)
    unpublished = make_ocop_product(title="Cơm sấy")
    kept = make_ocop_product(title="Ổi lê", producer=make_producer(name="Trang trại Từ Hạnh"))
    make_ocop_product(title="Thanh long ruột đỏ", producer=producer)
    assert len(indexed_titles()) == 4

    certificate_revoke(certificate=revoked.certificates.get(), reason="Vi phạm ATTP")
    unpublished.is_public = False
    unpublished.save()
    assert indexed_titles() == sorted(["Ổi lê", "Thanh long ruột đỏ"])

    producer_suspend(producer=producer, reason="Chưa nộp hồ sơ")
    assert indexed_titles() == [kept.title]


def test_expire_certificates_unindexes_lapsed_products():
    last_day = datetime.date.today() + datetime.timedelta(days=10)
    make_ocop_product(
        title="Rượu nếp Nghi Đức",
        decision_date=last_day - datetime.timedelta(days=500),
        valid_until=last_day,
    )
    assert indexed_titles() == ["Rượu nếp Nghi Đức"]

    next_day = last_day + datetime.timedelta(days=1)
    call_command("expire_certificates", f"--date={next_day}", stdout=io.StringIO())

    assert indexed_titles() == []


def test_price_change_reaches_the_index():
    product = make_ocop_product(title="Tảo xoắn Spirulina", price=350000)
    stockrecord = product.stockrecords.get()
    stockrecord.price = 320000
    stockrecord.save()

    assert ProductIndexEntry.objects.get(product=product).price == 320000


def test_rebuild_indexes_exactly_the_listable_products_and_shows_progress():
    make_ocop_product(title="Nấm linh chi ATC")
    make_ocop_product(title="Trà linh chi ATC", stars=2)
    ProductIndexEntry.objects.all().delete()

    out = io.StringIO()
    call_command("search_index", "--rebuild", stdout=out)

    assert indexed_titles() == ["Nấm linh chi ATC"]
    assert "[##############################] 1/1" in out.getvalue()
    assert "database: 1 products indexed" in out.getvalue()


def test_published_pages_are_searchable_without_accents_and_leave_when_unpublished(
    home_page, django_capture_on_commit_callbacks
):
    from cms.models import HomePage

    with django_capture_on_commit_callbacks(execute=True):
        fair = home_page.add_child(
            instance=HomePage(
                title="Hội chợ OCOP Quảng Ninh 2026",
                slug="hoi-cho",
                hero_text="Hơn 2.000 sản phẩm tại Hạ Long.",
                live=False,
            )
        )
        fair.save_revision().publish()
    backend = get_backend("database")

    assert backend.search_pages("hoi cho ha long", language="vi") == [
        {"title": "Hội chợ OCOP Quảng Ninh 2026", "url": fair.get_url()}
    ]
    assert backend.search_pages("hoi cho", language="en") == []

    with django_capture_on_commit_callbacks(execute=True):
        fair.refresh_from_db()
        fair.unpublish()
    assert backend.search_pages("hoi cho", language="vi") == []
