"""What a shopper sees when scanning a QR stamp or typing a certificate number."""

import datetime
import io

import pytest
import zxingcpp
from django.contrib.auth import get_user_model
from django.utils import translation
from PIL import Image

from catalog.services.batches import batch_create
from catalog.services.certificates import certificate_revoke
from catalog.services.roles import producer_member_add
from tests.factories import make_ocop_product, make_producer

pytestmark = pytest.mark.django_db

MADE = datetime.date(2026, 9, 1)


@pytest.fixture
def batch(producer):
    product = make_ocop_product(
        title="Nước mắm sá sùng", producer=producer, decision_number="2150/QĐ-UBND"
    )
    return batch_create(
        product=product,
        lot_code="NM-2026-09",
        produced_on=MADE,
        best_before=MADE + datetime.timedelta(days=730),
        quantity=1200,
        unit="chai",
        origin_area="Vân Đồn, Quảng Ninh",
        growing_area_code="QN-VD-001",
        inputs="Sá sùng Vân Đồn; muối biển",
        standards="TCCS 02:2024/HTX",
        steps=[
            {"what": "Thu hoạch sá sùng", "where": "Bãi triều Vân Đồn", "happened_on": MADE},
            {"what": "Ủ chượp 12 tháng", "where": "Xưởng HTX", "happened_on": MADE},
        ],
    )


def test_trace_page_shows_the_national_minimum_items(django_app, batch, producer):
    page = django_app.get(f"/trace/{batch.trace_code}/")

    assert page.html.select_one(".trace-status--ok")
    facts = page.html.select_one(".trace__facts").text
    for item in (
        batch.trace_code,
        "NM-2026-09",
        producer.legal_name,
        producer.province.name,
        "01/09/2026",
        "31/08/2028",
        "730",
        "QN-VD-001",
        "TCCS 02:2024/HTX",
    ):
        assert item in facts, item
    steps = [li.text.split("\n")[0] for li in page.html.select(".trace-steps li strong")]
    assert steps == ["Thu hoạch sá sùng", "Ủ chượp 12 tháng"]
    assert page.html.h1.text == "Nước mắm sá sùng"
    assert "2150/QĐ-UBND" in page.html.select_one(".certificate-panel").text


def test_trace_page_says_plainly_when_the_certificate_was_revoked(django_app, batch):
    certificate_revoke(certificate=batch.product.certificates.get(), reason="Lạm dụng logo")

    page = django_app.get(f"/trace/{batch.trace_code}/")

    assert not page.html.select_one(".trace-status--ok")
    assert page.html.select_one(".trace-status--warning")
    with translation.override("en"):
        page = django_app.get(f"/en/trace/{batch.trace_code}/")
    assert "revoked" in page.html.select_one(".trace-status--warning").text


def test_trace_page_warns_after_expiry(django_app, producer):
    product = make_ocop_product(
        title="Cao chè vằng", producer=producer, decision_date=datetime.date(2021, 5, 4)
    )
    batch = batch_create(
        product=product,
        lot_code="L1",
        produced_on=datetime.date(2023, 1, 1),
        quantity=10,
        origin_area="Nghệ An",
    )

    page = django_app.get(f"/en/trace/{batch.trace_code}/")

    assert "expired on 03/05/2024" in page.html.select_one(".trace-status--warning").text


def test_unknown_trace_code_is_a_clear_404_page(django_app):
    page = django_app.get("/trace/KHONGCOMA123/", status=404)

    assert "KHONGCOMA123" in page.html.select_one(".trace-status--warning").text
    assert page.forms[1].action.endswith("/verify/") or "verify" in page.text


def test_trace_codes_are_unguessable_and_distinct(batch):
    other = batch_create(
        product=batch.product,
        lot_code="NM-2026-10",
        produced_on=MADE,
        quantity=1,
        origin_area="Vân Đồn",
    )
    assert len(batch.trace_code) == 12 and batch.trace_code != other.trace_code
    assert not set("01OIL") & set(batch.trace_code)


def test_qr_png_decodes_back_to_the_trace_url(django_app, batch):
    response = django_app.get(f"/trace/{batch.trace_code}/qr.png")

    assert response.content_type == "image/png"
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.body)))
    assert [code.text for code in decoded] == [f"http://testserver/trace/{batch.trace_code}/"]


def test_qr_svg_is_a_vector_of_the_same_code(django_app, batch):
    response = django_app.get(f"/en/trace/{batch.trace_code}/qr.svg")

    assert response.content_type == "image/svg+xml"
    assert b"<svg" in response.body and b"<path" in response.body


def test_qr_in_any_language_opens_the_language_neutral_url(django_app, batch):
    png = django_app.get(f"/en/trace/{batch.trace_code}/qr.png").body
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert decoded[0].text == f"http://testserver/trace/{batch.trace_code}/"


def test_label_sheet_is_for_the_producer_and_staff_only(django_app, batch, producer):
    url = f"/trace/{batch.trace_code}/labels/"
    assert "/accounts/login/" in django_app.get(url).location

    User = get_user_model()
    owner = User.objects.create_user("owner", "owner@htx.vn", "pw")
    producer_member_add(producer=producer, user=owner)
    stranger = User.objects.create_user("other", "other@htx.vn", "pw")
    producer_member_add(producer=make_producer(name="HTX khác"), user=stranger)

    sheet = django_app.get(url, user=owner)
    assert len(sheet.html.select(".label img")) == 24
    refused = django_app.get(url, user=stranger, status=403)
    assert "Chỉ nhà sản xuất của lô hàng" in refused.text


def test_verify_by_decision_number(django_app, batch):
    page = django_app.get("/en/verify/", params={"q": " 2150/qđ-ubnd "})

    result = page.html.select_one(".verify-result")
    assert "valid today" in result.text
    assert "Nước mắm sá sùng" in result.text


def test_verify_says_revoked_and_expired_plainly(django_app, batch, producer):
    certificate_revoke(certificate=batch.product.certificates.get(), reason="Không đạt ATTP")
    make_ocop_product(
        title="Giò bê",
        producer=producer,
        decision_number="77/QĐ-UBND",
        decision_date=datetime.date(2020, 2, 1),
    )

    revoked = django_app.get("/en/verify/", params={"q": "2150/QĐ-UBND"})
    expired = django_app.get("/en/verify/", params={"q": "77/QĐ-UBND"})

    assert "REVOKED" in revoked.html.select_one(".verify-result").text
    assert "Không đạt ATTP" in revoked.html.select_one(".verify-result").text
    assert "EXPIRED on 31/01/2023" in expired.html.select_one(".verify-result").text


def test_verify_unknown_number_warns_of_counterfeits(django_app):
    page = django_app.get("/en/verify/", params={"q": "9999/QĐ-GIẢ"})

    assert not page.html.select(".verify-result")
    assert "counterfeit" in page.html.select_one(".trace-status--warning").text


def test_verify_a_scanned_trace_code_opens_its_trace_page(django_app, batch):
    page = django_app.get("/verify/", params={"q": batch.trace_code.lower()})

    assert page.status_code == 302
    assert page.location.endswith(f"/trace/{batch.trace_code}/")
