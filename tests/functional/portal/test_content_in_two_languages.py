"""Producers and officers write the shop's content in Vietnamese and English through their
own forms (issue 12): a product's name and description, the producer's story, a
certificate's issuing body. The Vietnamese stays the text of record even when the dashboard
is read in English, and rich text in either language passes the one sanitiser."""

import pytest
from django.utils import translation

from catalog.models import Certificate, Producer

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


def english_url(product):
    with translation.override("en"):
        return product.get_absolute_url()


def test_producer_writes_a_product_in_both_languages(django_app, world):
    product = world.product
    page = django_app.get(
        f"/dashboard/producer/products/{product.pk}/", user=world.users["producer"]
    )
    form = page.forms["product_form"]
    assert "Tên sản phẩm (tiếng Anh)" in page.text and "Mô tả (tiếng Anh)" in page.text
    form["title_en"] = "Forest honey"
    form["description_en"] = f"<p>Raw <b>forest</b> honey.</p>{SCRIPT}"

    form.submit().follow()

    product.refresh_from_db()
    assert product.title_vi == "Mật ong SPAMARKER"
    assert product.title_en == "Forest honey"
    assert product.description_en == "<p>Raw <b>forest</b> honey.</p>"
    shown = django_app.get(english_url(product))
    assert shown.html.select_one("h1").text.strip() == "Forest honey"
    assert "<b>forest</b>" in str(shown.html.select_one(".product-detail__description"))
    assert "alert(1)" not in shown.text


def test_the_vietnamese_stays_vietnamese_on_a_dashboard_read_in_english(django_app, world):
    product = world.product
    page = django_app.get(
        f"/en/dashboard/producer/products/{product.pk}/", user=world.users["producer"]
    )
    form = page.forms["product_form"]
    assert form["title"].value == "Mật ong SPAMARKER"  # not the English, nor empty
    form["title_en"] = "Honey"
    form["description"] = "<p>Mật ong hoa rừng.</p>"

    form.submit().follow()

    product.refresh_from_db()
    assert (product.title_vi, product.title_en) == ("Mật ong SPAMARKER", "Honey")
    assert product.description_vi == "<p>Mật ong hoa rừng.</p>"
    assert not product.description_en


def test_producer_tells_its_story_in_both_languages(django_app, world):
    page = django_app.get("/dashboard/producer/", user=world.users["producer"])
    page = page.click(href="/dashboard/producer/story/")
    assert "Lịch sử (tiếng Anh)" in page.text
    form = page.forms["story_form"]
    form["story_history"] = "<p>Hợp tác xã lập năm 2010.</p>"
    form["story_history_en"] = f"<p>Founded in <b>2010</b>.</p>{SCRIPT}"
    form["story_village"] = f"<p>Bản Khe Rạn.</p>{SCRIPT}"

    page = form.submit().follow()

    assert "Đã lưu câu chuyện sản phẩm." in page.text
    producer = Producer.objects.get(pk=world.producer_a.pk)
    assert producer.story_history_vi == "<p>Hợp tác xã lập năm 2010.</p>"
    assert producer.story_history_en == "<p>Founded in <b>2010</b>.</p>"
    assert producer.story_village_vi == "<p>Bản Khe Rạn.</p>"
    assert not producer.story_village_en
    story = django_app.get(english_url(world.product)).html.select_one(".producer-story")
    assert "Founded in 2010." in story.text
    assert story.select_one('[lang="vi"]').text.strip() == "Bản Khe Rạn."
    assert "alert(1)" not in str(story)
    # The form shows each language's own text back.
    form = django_app.get("/en/dashboard/producer/story/", user=world.users["producer"]).forms[
        "story_form"
    ]
    assert form["story_history"].value == "<p>Hợp tác xã lập năm 2010.</p>"
    assert form["story_history_en"].value == "<p>Founded in <b>2010</b>.</p>"


def test_another_user_cannot_open_a_producers_story_form(django_app, world):
    django_app.get("/dashboard/producer/story/", user=world.users["officer"], status=403)
    django_app.get("/dashboard/producer/story/", user=world.users["shopper"], status=403)


def test_producer_uploads_and_officer_verifies_with_the_issuing_body_in_english(django_app, world):
    certificate = world.pending_certificate
    page = django_app.get(
        f"/dashboard/province/certificates/{certificate.pk}/", user=world.users["officer"]
    )
    form = page.forms["certificate_review_form"]
    assert form["issuing_body"].value == "UBND tỉnh Nghệ An"
    assert "Cơ quan công nhận (tiếng Anh)" in page.text
    form["decision"] = "verify"
    form["issuing_body_en"] = "Nghe An Provincial People's Committee"

    form.submit().follow()

    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.status == Certificate.Status.VALID
    assert certificate.issuing_body_vi == "UBND tỉnh Nghệ An"
    assert certificate.issuing_body_en == "Nghe An Provincial People's Committee"
    panel = django_app.get(english_url(world.product)).html.select_one(".certificate-panel")
    assert "Nghe An Provincial People's Committee" in panel.text

    # The producer's own upload form has the English name too.
    page = django_app.get("/dashboard/producer/certificates/new/", user=world.users["producer"])
    assert "issuing_body_en" in page.forms["certificate_form"].fields
