"""Wrong data is refused with a message that says what to fix, and nothing is half-saved."""

import datetime
import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import translation
from PIL import Image

from catalog.models import Certificate, Commune, Producer, Province
from catalog.services.certificates import certificate_issue
from catalog.services.producers import producer_register
from tests.factories import make_ocop_product, pdf_scan

pytestmark = pytest.mark.django_db

DECISION = datetime.date(2025, 1, 10)


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted in their source language; the Vietnamese ones are translations.
    with translation.override("en"):
        yield


@pytest.fixture
def product():
    return make_ocop_product(title="Ruốc hàu", stars=None)


def issue(product, **overrides):
    fields = {
        "product": product,
        "stars": 4,
        "score": 75,
        "criteria_version": "148",
        "level": "province",
        "issuing_body": "UBND tỉnh Quảng Ninh",
        "decision_number": "1234/QĐ-UBND",
        "decision_date": DECISION,
        **overrides,
    }
    return certificate_issue(**fields)


def refused(product, **overrides):
    with pytest.raises(ValidationError) as error:
        issue(product, **overrides)
    assert Certificate.objects.count() == 0  # nothing half-saved
    return error.value.message_dict


@pytest.mark.parametrize("stars", [0, 6])
def test_stars_outside_1_to_5(product, stars):
    assert refused(product, stars=stars) == {"stars": ["Stars must be from 1 to 5."]}


def test_score_over_100(product):
    assert "score" in refused(product, stars=5, level="central", score=101)


def test_score_outside_the_stars_band(product):
    errors = refused(product, stars=4, score=55)
    assert errors["score"] == ["A 4-star rating needs a score from 70 to 89."]


def test_five_stars_at_province_level(product):
    errors = refused(product, stars=5, score=95, level="province")
    assert errors["level"] == ["Only the central council can recognise a 5-star product."]


def test_validity_ending_before_it_starts(product):
    errors = refused(product, valid_until=DECISION - datetime.timedelta(days=1))
    assert errors["valid_until"] == ["The end of validity must come after its start."]


def test_database_constraints_hold_even_without_the_service(product):
    """A bug or a raw SQL import cannot store what the service refuses."""
    base = dict(
        product=product,
        score=95,
        criteria_version="148",
        issuing_body="x",
        decision_number="1",
        decision_date=DECISION,
        valid_from=DECISION,
        valid_until=DECISION + datetime.timedelta(days=1000),
    )
    for bad in (
        {"stars": 6, "level": "central"},
        {"stars": 5, "level": "province"},
        {"stars": 4, "level": "province", "valid_until": DECISION},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Certificate.objects.create(**{**base, **bad})
    Certificate.objects.create(**{**base, "stars": 5, "level": "central"})
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(**{**base, "stars": 5, "level": "central"})  # 2nd valid one


def test_scan_that_is_neither_pdf_nor_image(product):
    scan = SimpleUploadedFile("quyet-dinh.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    assert refused(product, scan=scan) == {"scan": ["This file is not a PDF or an image."]}


def test_oversized_scan(product, settings):
    settings.OCOP_SCAN_MAX_BYTES = 1024
    scan = SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.4\n" + b"0" * 2048, "application/pdf")
    errors = refused(product, scan=scan)
    assert errors["scan"] == ["The file is 2.0\xa0KB; the largest accepted is 1.0\xa0KB."]


def _png_claiming(width, height):
    """A few hundred bytes that declare a gigantic image: a decompression bomb."""
    image = io.BytesIO()
    Image.new("1", (1, 1)).save(image, "PNG")
    data = bytearray(image.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def test_decompression_bomb_image_scan(product):
    scan = SimpleUploadedFile("scan.png", _png_claiming(60000, 60000), "image/png")
    assert refused(product, scan=scan) == {"scan": ["This image is too large to process."]}


def test_pdf_and_image_scans_are_accepted(product):
    pdf = SimpleUploadedFile("qd.pdf", pdf_scan(), "application/pdf")
    certificate = issue(product, scan=pdf)
    assert certificate.scan.name.endswith(".pdf")

    jpeg = io.BytesIO()
    Image.new("RGB", (800, 1100), "white").save(jpeg, "JPEG")
    other = make_ocop_product(title="Miến dong", stars=None)
    scan = SimpleUploadedFile("qd.jpg", jpeg.getvalue(), "image/jpeg")
    assert issue(other, decision_number="99/QĐ", scan=scan).scan.name.endswith(".jpg")


def test_script_in_a_producer_story_is_removed_and_formatting_kept():
    province = Province.objects.get(code=40)
    producer = producer_register(
        legal_name="HTX Chè Con Cuông",
        partner_code="htx-che",
        entity_type=Producer.EntityType.COOPERATIVE,
        registration_number="2901234567",
        province=province,
        commune=Commune.objects.filter(province=province).first(),
        story_village='<p onclick="steal()">Bản <b>Khe Rạn</b></p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">x</a>',
    )

    story = Producer.objects.get(pk=producer.pk).story_village
    assert "<script" not in story and "onclick" not in story and "javascript:" not in story
    assert "<b>Khe Rạn</b>" in story


def test_commune_outside_the_producer_province_is_refused():
    nghe_an = Province.objects.get(code=40)
    ha_noi_commune = Commune.objects.filter(province__code=1).first()
    with pytest.raises(ValidationError) as error:
        producer_register(
            legal_name="HTX Sai địa chỉ",
            partner_code="sai",
            entity_type="cooperative",
            registration_number="2909999999",
            province=nghe_an,
            commune=ha_noi_commune,
        )
    assert error.value.message_dict["commune"] == ["This commune is not in the chosen province."]
    assert not Producer.objects.filter(legal_name="HTX Sai địa chỉ").exists()


def test_producer_photo_must_be_a_real_image():
    from catalog.services.producers import producer_update
    from tests.factories import make_producer

    producer = make_producer()
    with pytest.raises(ValidationError) as error:
        producer_update(
            producer=producer,
            photo=SimpleUploadedFile("lang.jpg", b"<html>not a picture</html>", "image/jpeg"),
        )
    assert error.value.message_dict == {"photo": ["This file is not a JPEG, PNG or WebP image."]}
