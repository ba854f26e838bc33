"""The whole life of a producer, by the screens people use: a new cooperative signs up, the
province officer approves it, it lists a product and uploads its certificate, the officer
verifies it, the product appears in browse and search, a shopper buys it with cash on
delivery, the producer ships and marks it delivered, and its payout ledger shows the credit.
Emails go both ways at each step."""

import io

import pytest
from django.core import mail
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image
from webtest import Upload

from catalog.models import Certificate, Producer, Province
from shop.payments.models import LedgerEntry
from tests.checkout import HANOI, NGHE_AN, commune_of, place_order
from tests.functional.portal.conftest import PDF, officer

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 150, 30)).save(out, "JPEG")
    return out.getvalue()


def test_sign_up_to_ledger_credit(
    django_app, food_group, django_capture_on_commit_callbacks, django_user_model
):
    canbo = officer("canbo_na", Province.objects.get(pk=NGHE_AN))

    # 1. A cooperative applies (without JavaScript: the commune list follows the province).
    page = django_app.get("/producers/join/")
    form = page.forms["signup_form"]
    form["legal_name"] = "HTX Mật ong Pù Mát"
    form["entity_type"] = "cooperative"
    form["registration_number"] = "2901 555 777"
    form["province"] = str(NGHE_AN)
    page = form.submit("choose_province")
    form = page.forms["signup_form"]
    form["commune"] = str(commune_of(NGHE_AN).pk)
    form["street_address"] = "Bản Khe Rạn"
    form["contact_person"] = "Lô Văn Tâm"
    form["phone"] = "0912 345 678"
    form["email"] = "htx.pumat@example.vn"
    form["password"] = "mat-ong-rung-2026"
    form["document_0"] = Upload("quyet-dinh.pdf", PDF, "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        page = form.submit().follow()
    producer = Producer.objects.get(registration_number="2901555777")
    assert producer.status == "pending"
    assert "HTX Mật ong Pù Mát" in page.text and "Chờ xác minh" in page.text
    assert mail.outbox[-1].to == ["canbo_na@ocop.test"]
    assert "HTX Mật ong Pù Mát" in mail.outbox[-1].subject
    member = django_user_model.objects.get(email="htx.pumat@example.vn")

    # 2. The officer of Nghệ An approves it.
    queue = django_app.get("/dashboard/province/", user=canbo)
    review = queue.click("HTX Mật ong Pù Mát")
    assert "quyet-dinh" in review.text or "Tài liệu 1" in review.text
    form = review.forms["review_form"]
    form["decision"] = "approve"
    with django_capture_on_commit_callbacks(execute=True):
        form.submit().follow()
    producer.refresh_from_db()
    assert producer.status == "verified" and producer.verified_by == canbo
    assert mail.outbox[-1].to == ["htx.pumat@example.vn"]

    # 3. The producer lists a product, then uploads its certificate.
    page = django_app.get("/dashboard/producer/products/new/", user=member)
    form = page.forms["product_form"]
    form["title"] = "Mật ong rừng Pù Mát"
    form["description"] = "<p>Mật ong hoa rừng.</p>"
    form["product_group"] = str(food_group.pk)
    form["price"] = "280000"
    form["num_in_stock"] = "12"
    form["image"] = Upload("mat-ong.jpg", jpeg(), "image/jpeg")
    page = form.submit().follow()
    product = producer.partner.stockrecords.get().product
    assert product.images.count() == 1
    assert "chưa có giấy chứng nhận OCOP" in page.text  # not listed yet: no certificate

    page = django_app.get(
        f"/dashboard/producer/certificates/new/?product={product.pk}", user=member
    )
    form = page.forms["certificate_form"]
    form["stars"] = "4"
    form["score"] = "78"
    form["criteria_version"] = "148"
    form["level"] = "province"
    form["issuing_body"] = "UBND tỉnh Nghệ An"
    form["decision_number"] = "3210/QĐ-UBND"
    form["decision_date"] = (timezone.localdate().replace(day=1)).isoformat()
    form["scan"] = Upload("3210.pdf", PDF, "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        form.submit().follow()
    certificate = product.certificates.get()
    assert certificate.status == Certificate.Status.PENDING
    assert mail.outbox[-1].to == ["canbo_na@ocop.test"]
    # A pending certificate never lists.
    django_app.get(product.get_absolute_url(), status=404)

    # 4. The officer verifies it.
    page = django_app.get(f"/dashboard/province/certificates/{certificate.pk}/", user=canbo)
    form = page.forms["certificate_review_form"]
    form["decision"] = "verify"
    with django_capture_on_commit_callbacks(execute=True):
        form.submit().follow()
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    assert certificate.reviewed_by == canbo
    assert mail.outbox[-1].to == ["htx.pumat@example.vn"]

    # 5. The product is in browse and search.
    django_app.reset()
    assert "Mật ong rừng Pù Mát" in django_app.get("/catalogue/").text
    assert "Mật ong rừng Pù Mát" in django_app.get("/search/", params={"q": "pu mat"}).text

    # 6. A shopper buys it, cash on delivery.
    with django_capture_on_commit_callbacks(execute=True):
        place_order(django_app, [product], province=HANOI)
    shipment = Order.objects.get().shipments.get()
    assert shipment.producer == producer

    # 7. The producer packs, ships and delivers it.
    for status, extra in (
        ("packed", {}),
        ("shipped", {"carrier": "Viettel Post", "tracking_number": "VTP123456"}),
        ("delivered", {}),
    ):
        page = django_app.get(f"/dashboard/shop/shipments/{shipment.pk}/", user=member)
        form = page.forms[f"shipment-form-{shipment.pk}"]
        form["status"] = status
        for field, value in extra.items():
            form[field] = value
        with django_capture_on_commit_callbacks(execute=True):
            form.submit().follow()
    shipment.refresh_from_db()
    assert shipment.status == "delivered" and shipment.cash_collected == shipment.total

    # 8. The ledger shows the credit: 280.000 less 10 %, and the shipping charge.
    ledger = django_app.get(f"/dashboard/shop/payouts/{producer.pk}/", user=member)
    assert "252.000" in ledger.text
    kinds = sorted(LedgerEntry.objects.filter(producer=producer).values_list("kind", "amount"))
    assert kinds == [("sale", 252000), ("shipping", shipment.charge)]
