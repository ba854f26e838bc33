"""A small world for the portal tests: two provinces, three producers (A and B in Nghệ An,
Q in Quảng Ninh), each with a member account, an officer per province, staff, a shopper;
producer A's product, stock, batch, certificates (one valid and expiring within 60 days,
one pending), and an order whose shipments belong to A and Q."""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import Certificate, Producer, ProductGroup, Province
from catalog.services.batches import batch_create
from catalog.services.certificates import certificate_submit
from catalog.services.roles import officer_appoint, producer_member_add
from tests.checkout import NGHE_AN, QUANG_NINH, place_order
from tests.factories import make_ocop_product, make_producer, pdf_scan

Category = get_model("catalogue", "Category")
Order = get_model("order", "Order")

MARKER = "SPAMARKER"  # in every title of producer A's things: a leak is found by it
PDF = pdf_scan()


def pdf(name="quyet-dinh.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@dataclass
class World:
    users: dict
    producer_a: Producer
    producer_b: Producer
    producer_q: Producer
    product: object
    stockrecord: object
    batch: object
    certificate: Certificate
    pending_certificate: Certificate
    pending_producer: Producer
    shipment: object
    other_shipment: object
    group: object
    province_a: Province
    province_q: Province


@pytest.fixture
def food_group(db):
    category = Category.add_root(name="Thực phẩm", slug="thuc-pham")
    ProductGroup.objects.create(category=category, period="2021-2025", number=1)
    return category


def member(username, producer):
    user = get_user_model().objects.create_user(username, f"{username}@ocop.test", "pw")
    producer_member_add(producer=producer, user=user)
    return user


def officer(username, province):
    user = get_user_model().objects.create_user(username, f"{username}@ocop.test", "pw")
    officer_appoint(user=user, province=province)
    return user


@pytest.fixture
def world(db, django_app, food_group) -> World:
    nghe_an = Province.objects.get(pk=NGHE_AN)
    quang_ninh = Province.objects.get(pk=QUANG_NINH)
    a = make_producer(name="HTX A Nghệ An", province=nghe_an)
    b = make_producer(name="HTX B Nghệ An", province=nghe_an)
    q = make_producer(name="HTX Q Quảng Ninh", province=quang_ninh)
    today = timezone.localdate()
    product = make_ocop_product(
        title=f"Mật ong {MARKER}",
        producer=a,
        category=food_group,
        decision_number="100/QĐ-UBND",
        decision_date=today - datetime.timedelta(days=1000),
        valid_until=today + datetime.timedelta(days=30),
    )
    other_product = make_ocop_product(title="Chả mực Hạ Long", producer=q, category=food_group)
    make_ocop_product(title="Chè B", producer=b, category=food_group)
    batch = batch_create(
        product=product,
        lot_code=f"LO-{MARKER}",
        produced_on=today - datetime.timedelta(days=10),
        quantity=100,
        origin_area="Con Cuông",
    )
    pending = certificate_submit(
        product=product,
        stars=4,
        score=80,
        criteria_version="148",
        level="province",
        issuing_body="UBND tỉnh Nghệ An",
        decision_number="200/QĐ-UBND",
        decision_date=today - datetime.timedelta(days=5),
        scan=pdf(),
        by=None,
    )
    pending_producer = make_producer(name="HTX chờ duyệt", province=nghe_an, verified=False)
    place_order(django_app, [product, other_product])
    order = Order.objects.get()
    users = {
        "anonymous": None,
        "shopper": get_user_model().objects.create_user("khach", "khach@ocop.test", "pw"),
        "producer": member("nsx_a", a),
        "other_producer": member("nsx_b", b),
        "far_producer": member("nsx_q", q),
        "officer": officer("canbo_na", nghe_an),
        "other_officer": officer("canbo_qn", quang_ninh),
        "staff": get_user_model().objects.create_user(
            "staff", "staff@ocop.test", "pw", is_staff=True
        ),
    }
    return World(
        users=users,
        producer_a=a,
        producer_b=b,
        producer_q=q,
        product=product,
        stockrecord=product.stockrecords.get(),
        batch=batch,
        certificate=product.certificates.get(status=Certificate.Status.VALID),
        pending_certificate=pending,
        pending_producer=pending_producer,
        shipment=order.shipments.get(producer=a),
        other_shipment=order.shipments.get(producer=q),
        group=food_group,
        province_a=nghe_an,
        province_q=quang_ninh,
    )
