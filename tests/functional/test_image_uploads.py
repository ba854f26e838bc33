"""Every picture a person uploads meets the one image rule (catalog.validators.validate_image,
OCOP_IMAGE_MAX_PIXELS, OCOP_IMAGE_MAX_BYTES), through the real way it is uploaded: Oscar's
dashboard (product images, category images), the producer and certificate services, and
Wagtail's image library. A bad file is refused with a message that says why, and nothing
is saved."""

import io
import struct
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from PIL import Image
from wagtail.images import get_image_model
from wagtail.users.models import UserProfile
from webtest import Upload

from catalog.models import Certificate, Producer
from catalog.services.producers import producer_update
from tests.factories import certify

pytestmark = pytest.mark.django_db

ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")


def _png(size, mode="RGB") -> bytes:
    data = io.BytesIO()
    Image.new(mode, size).save(data, "PNG")
    return data.getvalue()


def _png_claiming(width, height) -> bytes:
    """A few hundred bytes whose header declares a gigantic image: a decompression bomb."""
    data = bytearray(_png((1, 1), mode="1"))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


FILES = {
    "valid": _png((800, 600)),
    "not_an_image": b"<html><script>alert(1)</script></html>",
    # 81 Mpx, as the upload that slowed the shop down; 10 KB on disk.
    "too_many_pixels": _png((9000, 9000), mode="1"),
    "bomb": _png_claiming(60000, 60000),
}
REASONS = {
    "not_an_image": ("This file is not", "Upload a valid image"),
    "too_many_pixels": ("9000×9000 pixels; the most accepted is 40,000,000 pixels",),
    "bomb": ("This image is too large to process.",),
}
# Wagtail checks the same limits (the OCOP_IMAGE_* settings) before the shop's rule runs,
# in its own words.
WAGTAIL_REASONS = {
    "not_an_image": ("Not a valid .png image",),  # Wagtail sniffs the markup as SVG
    "too_many_pixels": ("This file has too many pixels (81000000). Maximum pixels 40000000.",),
    "bomb": ("This file has too many pixels (unknown number)",),
}


@pytest.fixture(autouse=True)
def _english_and_own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_superuser(
        username="editor", email="editor@ocop.local", password="x"
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # messages are asserted in their source language
    profile.save()
    return user


def product_image(request, content):
    """Oscar's dashboard: the product form's image formset."""
    with translation.override("vi"):  # written in Vietnamese, the text of record
        app, staff, product = (
            request.getfixturevalue(n) for n in ("django_app", "staff", "product")
        )
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    form = app.get(url, user=staff).forms["create_update_product_form"]
    form["images-0-original"] = Upload("anh.png", content, "image/png")
    response = form.submit()
    return ProductImage.objects.filter(product=product).exists(), response.text


def category_image(request, content):
    """Oscar's dashboard: the category form."""
    with translation.override("vi"):  # written in Vietnamese, the text of record
        app, staff, group = (
            request.getfixturevalue(n) for n in ("django_app", "staff", "honey_group")
        )
    url = reverse("dashboard:catalogue-category-update", kwargs={"pk": group.pk})
    form = app.get(url, user=staff).forms["create_update_category_form"]
    form["image"] = Upload("nhom.png", content, "image/png")
    response = form.submit()
    return bool(Category.objects.get(pk=group.pk).image), response.text


def producer_photo(request, content):
    producer = request.getfixturevalue("producer")
    try:
        producer_update(producer=producer, photo=SimpleUploadedFile("htx.png", content))
    except ValidationError as error:
        return bool(Producer.objects.get(pk=producer.pk).photo), " ".join(error.messages)
    return bool(Producer.objects.get(pk=producer.pk).photo), ""


def certificate_scan(request, content):
    product = request.getfixturevalue("product")
    try:
        certify(product, stars=5, scan=SimpleUploadedFile("qd.png", content))
    except ValidationError as error:
        return Certificate.objects.filter(stars=5).exists(), " ".join(error.messages)
    return Certificate.objects.filter(stars=5).exists(), ""


def cms_image(request, content):
    """Wagtail's image library (the chooser and multiple upload use the same form)."""
    app, editor = request.getfixturevalue("django_app"), request.getfixturevalue("editor")
    page = app.get(reverse("wagtailimages:add"), user=editor)
    form = next(form for form in page.forms.values() if "file" in form.fields)
    form["title"] = "Bản Khe Rạn"
    form["file"] = Upload("ban.png", content, "image/png")
    response = form.submit()
    return get_image_model().objects.exists(), response.text


UPLOADS = [product_image, category_image, producer_photo, certificate_scan, cms_image]


@pytest.fixture
def product(make_product):
    return make_product()


@pytest.mark.parametrize("upload", UPLOADS, ids=lambda upload: upload.__name__)
def test_a_real_picture_is_accepted(request, upload):
    saved, errors = upload(request, FILES["valid"])
    assert saved, errors


@pytest.mark.parametrize("case", ["not_an_image", "too_many_pixels", "bomb"])
@pytest.mark.parametrize("upload", UPLOADS, ids=lambda upload: upload.__name__)
def test_a_bad_file_is_refused_saying_why_and_nothing_is_saved(request, upload, case):
    saved, errors = upload(request, FILES[case])

    assert not saved
    reasons = WAGTAIL_REASONS[case] if upload is cms_image else REASONS[case]
    assert any(reason in errors for reason in reasons), errors


def test_wagtail_reads_the_shops_limits(settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == settings.OCOP_IMAGE_MAX_PIXELS
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == settings.OCOP_IMAGE_MAX_BYTES
    assert settings.WAGTAILIMAGES_IMAGE_FORM_BASE == "cms.forms.ImageForm"


def test_an_oversized_file_is_refused_before_it_is_opened(request, settings):
    settings.OCOP_IMAGE_MAX_BYTES = 1024
    saved, errors = producer_photo(request, _png((900, 900), mode="RGB") + b"\0" * 2048)
    assert not saved
    assert "the largest accepted is 1.0\xa0KB" in errors


def test_cms_uploads_meet_the_shops_rule_itself(request, settings):
    settings.OCOP_IMAGE_MAX_PIXELS = 100_000  # Wagtail's own limit stays at 40 Mpx
    saved, errors = cms_image(request, FILES["valid"])
    assert not saved
    assert "800×600 pixels; the most accepted is 100,000 pixels" in errors


def test_product_image_attributes_meet_the_same_rule(product):
    get_model("catalogue", "ProductAttribute").objects.create(
        product_class=product.get_product_class(), name="Ảnh nhãn", code="nhan", type="image"
    )
    product.attr.nhan = SimpleUploadedFile("nhan.png", FILES["too_many_pixels"])
    with pytest.raises(ValidationError, match="9000×9000 pixels"):
        product.full_clean()
