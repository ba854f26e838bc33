"""What a producer (or someone pretending) may get wrong, refused with a message that says
what to fix and nothing changed: a tax number already registered, a commune outside the
province, an upload that is too large or not a picture, a "PDF" that is not one, another
producer's product edited by id (that attempt is also in the audit trail)."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from webtest import Upload

from catalog.models import Certificate, Producer, ProducerDocument
from tests.checkout import NGHE_AN, QUANG_NINH, commune_of
from tests.functional.portal.conftest import MARKER

pytestmark = pytest.mark.django_db


def signup_form(client, **values):
    """The sign-up form filled in as a producer would, with `values` changed."""
    data = {
        "legal_name": "HTX Trùng lặp",
        "entity_type": "cooperative",
        "registration_number": "2900000000",
        "province": str(NGHE_AN),
        "commune": str(commune_of(NGHE_AN).pk),
        "contact_person": "Nguyễn Văn A",
        "phone": "0912345678",
        "email": "moi@example.vn",
        "password": "mot-mat-khau-dai",
        **values,
    }
    response = client.post("/producers/join/", data)
    assert response.status_code == 200  # the form again, with the message
    return response.content.decode()


def counts():
    return (
        Producer.objects.count(),
        get_user_model().objects.count(),
        ProducerDocument.objects.count(),
    )


def test_a_tax_number_already_registered_is_refused(client, world):
    before = counts()
    # The same number as producer A, typed with spaces.
    number = world.producer_a.registration_number
    page = signup_form(client, registration_number=f"{number[:4]} {number[4:]}")
    assert "đã được đăng ký cho một chủ thể khác" in page
    assert counts() == before


def test_a_commune_outside_the_province_is_refused(client, world):
    before = counts()
    page = signup_form(client, commune=str(commune_of(QUANG_NINH).pk))
    assert "không thuộc" in page
    assert counts() == before


def test_a_pdf_that_is_not_a_pdf_is_refused(django_app, world, client):
    before = counts()
    fake = Upload("quyet-dinh.pdf", b"this is not a PDF", "application/pdf")
    page = django_app.get("/producers/join/")
    form = page.forms["signup_form"]
    for name, value in {
        "legal_name": "HTX Giấy giả",
        "entity_type": "cooperative",
        "registration_number": "2900000001",
        "province": str(NGHE_AN),
    }.items():
        form[name] = value
    form = form.submit("choose_province").forms["signup_form"]
    form["commune"] = str(commune_of(NGHE_AN).pk)
    form["contact_person"] = "Nguyễn Văn A"
    form["phone"] = "0912345678"
    form["email"] = "giay.gia@example.vn"
    form["password"] = "mot-mat-khau-dai"
    form["document_0"] = fake
    page = form.submit()
    assert "Tệp này không phải là tệp PDF hoặc hình ảnh" in page.text
    assert counts() == before

    # The same file as a certificate scan, from the producer's own page.
    client.force_login(world.users["producer"])
    pending = Certificate.objects.count()
    response = client.post(
        "/dashboard/producer/certificates/new/",
        {
            "product": world.product.pk,
            "stars": 4,
            "score": 80,
            "criteria_version": "148",
            "level": "province",
            "issuing_body": "UBND tỉnh Nghệ An",
            "decision_number": "999/QĐ-UBND",
            "decision_date": "2026-01-05",
            "scan": _file("quyet-dinh.pdf", b"<html>not a pdf</html>"),
        },
    )
    assert response.status_code == 200
    assert "Tệp này không phải là tệp PDF hoặc hình ảnh" in response.content.decode()
    assert Certificate.objects.count() == pending


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_a_picture_that_is_not_a_picture_or_too_large_is_refused(django_app, world, settings):
    member = world.users["producer"]
    images = world.product.images.count()
    url = f"/dashboard/producer/products/{world.product.pk}/"

    form = django_app.get(url, user=member).forms["product_form"]
    form["image"] = Upload("anh.jpg", b"GIF89a not really", "image/jpeg")
    page = form.submit()
    assert "không phải là ảnh JPEG, PNG hoặc WebP" in page.text

    settings.OCOP_IMAGE_MAX_BYTES = 100
    form = django_app.get(url, user=member).forms["product_form"]
    form["image"] = Upload("anh.png", b"\x89PNG" + b"0" * 500, "image/png")
    page = form.submit()
    assert "dung lượng tối đa được chấp nhận là" in page.text
    assert world.product.images.count() == images


def test_a_negative_stock_or_one_below_the_orders_is_refused(django_app, world):
    member = world.users["producer"]
    record = world.stockrecord
    record.refresh_from_db()
    assert record.num_allocated == 1  # the world's order holds one
    for level, message in (("-3", "0 trở lên"), ("0", "được đặt trong các đơn hàng")):
        page = django_app.get(f"/dashboard/producer/stock/{record.pk}/", user=member)
        form = page.forms["stock_form"]
        form["num_in_stock"] = level
        form["price"] = "150000"
        page = form.submit().maybe_follow()
        assert message in page.text, level
    before = record.num_in_stock
    record.refresh_from_db()
    assert record.num_in_stock == before


def test_editing_another_producers_product_by_id_is_refused_and_recorded(django_app, world):
    intruder = world.users["other_producer"]
    product = world.product
    # The intruder opens its own product's form and points it at another's id.
    own = intruder.partners.get().stockrecords.get().product
    form = django_app.get(f"/dashboard/producer/products/{own.pk}/", user=intruder).forms[
        "product_form"
    ]
    form.action = f"/dashboard/producer/products/{product.pk}/"
    form["title"] = "Đã bị sửa"
    page = form.submit(status=403)
    assert "Mục này thuộc nhà sản xuất khác" in page.text
    assert "Không có gì bị thay đổi" in page.text
    product.refresh_from_db()
    assert MARKER in product.title
    attempt = LogEntry.objects.get(action=LogEntry.Action.ACCESS, actor=intruder)
    assert attempt.object_pk == str(product.pk)
    assert attempt.additional_data["refused"] == "product edit"
    assert attempt.additional_data["path"] == f"/dashboard/producer/products/{product.pk}/"

    # Staff read it in the audit trail.
    trail = django_app.get("/dashboard/audit/?refused=1", user=world.users["staff"])
    assert "nsx_b@ocop.test" in trail.text and "product edit" in trail.text


def test_staff_deleting_a_certified_product_is_told_to_hide_it_instead(django_app, world):
    """Certificates are public record: Oscar's delete screen refuses, it does not crash."""
    product = world.product
    page = django_app.get(
        f"/dashboard/catalogue/products/{product.pk}/delete/", user=world.users["staff"]
    )
    page = page.forms["delete_product_form"].submit().follow()
    assert "không thể xoá" in page.text
    assert type(product).objects.filter(pk=product.pk).exists()
    assert world.certificate.__class__.objects.filter(product=product).count() >= 1
