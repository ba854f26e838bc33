"""A shelf for the API: one listed product and one of each way of not being listable,
made by producers whose contact details must never leave the shop."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from catalog.models import Batch, Certificate, ProductGroup, Province
from catalog.services.certificates import certificate_revoke
from catalog.services.producers import producer_suspend
from tests.factories import make_ocop_product, make_producer
from tests.factories.cms import make_fair, make_point_of_sale
from tests.factories.cms_fixtures import nghe_an, quang_ninh, sections  # noqa: F401

# What is personal: no API answer may contain any of these.
CONTACT = {
    "contact_person": "Trần Thị Liên Hệ",
    "phone": "0987 654 321",
    "email": "lienhe.riengtu@example.vn",
}
SHOPPER_EMAIL = "khachhang.riengtu@example.vn"
PERSONAL_VALUES = [*CONTACT.values(), "0987654321", SHOPPER_EMAIL, "2900000099", "2900000098"]


@pytest.fixture
def contact_producer(db):
    return make_producer(name="HTX Mật ong Con Cuông", registration_number="2900000099", **CONTACT)


@pytest.fixture
def ocop_group(honey_group):
    """The test's group, filed as an OCOP group of today's taxonomy (the `group` filter)."""
    ProductGroup.objects.create(category=honey_group, period="2021-2025", number=1)
    return honey_group


@pytest.fixture
def shelf(ocop_group, contact_producer):
    honey_group = ocop_group
    """{name: product}: "listed" is the only listable one."""
    suspended = make_producer(name="HTX Tạm dừng", registration_number="2900000098", **CONTACT)
    shelf = {
        "listed": make_ocop_product(
            title="Mật ong rừng", producer=contact_producer, category=honey_group, price=150000
        ),
        "revoked": make_ocop_product(
            title="Nước mắm bị thu hồi", producer=contact_producer, category=honey_group
        ),
        "expired": make_ocop_product(
            title="Giò bê hết hạn",
            producer=contact_producer,
            category=honey_group,
            decision_date=datetime.date(2021, 1, 1),
        ),
        "two_star": make_ocop_product(
            title="Bánh hai sao", stars=2, producer=contact_producer, category=honey_group
        ),
        "hidden": make_ocop_product(
            title="Chè rút khỏi bán", producer=contact_producer, category=honey_group
        ),
        "suspended": make_ocop_product(
            title="Miến của HTX tạm dừng", producer=suspended, category=honey_group
        ),
    }
    certificate_revoke(
        certificate=shelf["revoked"].certificates.get(), reason="Vi phạm an toàn thực phẩm"
    )
    shelf["hidden"].is_public = False
    shelf["hidden"].save()
    producer_suspend(producer=suspended, reason="Kiểm tra chất lượng")
    Batch.objects.create(
        product=shelf["listed"],
        lot_code="L-01",
        produced_on=datetime.date(2026, 9, 1),
        quantity=100,
        origin_area="Con Cuông, Nghệ An",
    )
    get_user_model().objects.create_user(username="khach", email=SHOPPER_EMAIL, password="x")
    return shelf


@pytest.fixture
def places(nghe_an, quang_ninh, shelf):  # noqa: F811
    """A point of sale and a fair in Nghệ An, a point of sale in Quảng Ninh."""
    return {
        "vinh": make_point_of_sale(nghe_an, products=[shelf["listed"]], phone="0238 3 844 555"),
        "ha_long": make_point_of_sale(
            quang_ninh, title="Điểm OCOP Hạ Long", slug="diem-ocop-ha-long"
        ),
        "fair": make_fair(
            nghe_an, exhibitors=[shelf["listed"].stockrecords.get().partner.producer]
        ),
    }


@pytest.fixture
def nghe_an_province(db):
    return Province.objects.get(code=40)


def certificate_of(product) -> Certificate:
    return product.certificates.order_by("-pk").first()
