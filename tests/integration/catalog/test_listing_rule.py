"""The listing rule (catalog.selectors) on its own: who is in, who is out, and when."""

import datetime

import pytest

from catalog import selectors
from catalog.services.certificates import certificate_revoke
from catalog.services.producers import producer_suspend
from tests.factories import certify, make_ocop_product, make_producer

pytestmark = pytest.mark.django_db

DECISION = datetime.date(2024, 3, 15)
LAST_DAY = datetime.date(2027, 3, 14)  # 36 months from the decision, inclusive


def listed_titles(on=None):
    return sorted(p.title for p in selectors.listable_products(on=on))


def test_3_4_and_5_star_products_with_valid_certificates_are_listed():
    for stars in (3, 4, 5):
        make_ocop_product(title=f"{stars} sao", stars=stars)

    assert listed_titles() == ["3 sao", "4 sao", "5 sao"]


def test_one_and_two_star_ratings_are_never_listed():
    make_ocop_product(title="1 sao", stars=1)
    make_ocop_product(title="2 sao", stars=2)

    assert listed_titles() == []


def test_a_product_without_any_certificate_is_not_listed():
    make_ocop_product(title="Chưa chứng nhận", stars=None)

    assert listed_titles() == []


def test_certificate_lasts_36_months_through_its_last_day_and_not_a_day_more():
    product = make_ocop_product(title="Cam Vinh", decision_date=DECISION)

    assert product.certificates.get().valid_until == LAST_DAY
    assert listed_titles(on=DECISION - datetime.timedelta(days=1)) == []
    assert listed_titles(on=DECISION) == ["Cam Vinh"]
    assert listed_titles(on=LAST_DAY) == ["Cam Vinh"]
    assert listed_titles(on=LAST_DAY + datetime.timedelta(days=1)) == []
    assert selectors.is_listable(product, on=LAST_DAY)
    assert not selectors.is_listable(product, on=LAST_DAY + datetime.timedelta(days=1))


def test_revoked_certificate_unlists_at_once_and_says_why():
    product = make_ocop_product(title="Nem chua Quảng Yên")

    certificate_revoke(certificate=product.certificates.get(), reason="Vi phạm ATTP")

    assert listed_titles() == []
    assert selectors.unlisted_reason(product) == "Giấy chứng nhận OCOP của sản phẩm đã bị thu hồi."


def test_suspended_or_unverified_producer_takes_its_products_off_the_shop():
    suspended = make_producer(name="HTX A")
    pending = make_producer(name="HTX B", verified=False)
    make_ocop_product(title="Của HTX A", producer=suspended)
    make_ocop_product(title="Của HTX B", producer=pending)
    assert listed_titles() == ["Của HTX A"]

    producer_suspend(producer=suspended, reason="Lạm dụng logo OCOP")

    assert listed_titles() == []


def test_unpublished_product_is_not_listed_and_the_reason_says_so():
    product = make_ocop_product(title="Ẩn")
    product.is_public = False
    product.save()

    assert listed_titles() == []
    # Not "producer not verified": the producer is verified; the product was withdrawn.
    assert selectors.unlisted_reason(product) == "Cửa hàng đã ngừng bán sản phẩm này."


def test_re_rating_supersedes_and_the_product_is_listed_once_with_the_new_stars():
    product = make_ocop_product(title="Trà hoa vàng", stars=3, decision_date=DECISION)

    new = certify(product, stars=4, decision_date=DECISION + datetime.timedelta(days=400))

    old = product.certificates.exclude(pk=new.pk).get()
    assert old.status == "superseded" and new.supersedes == old
    assert listed_titles() == ["Trà hoa vàng"]
    assert selectors.product_page_facts(product)["certificate"].stars == 4


def test_predicate_and_queryset_agree_on_every_case():
    cases = [
        make_ocop_product(title="ok"),
        make_ocop_product(title="2 sao", stars=2),
        make_ocop_product(title="không giấy", stars=None),
        make_ocop_product(title="hết hạn", decision_date=datetime.date(2020, 1, 1)),
        make_ocop_product(title="chờ duyệt", producer=make_producer(name="X", verified=False)),
    ]
    listed = set(selectors.listable_products().values_list("pk", flat=True))
    for product in cases:
        fresh = type(product).objects.get(pk=product.pk)  # no verdict carried on the row
        assert selectors.is_listable(fresh) == (product.pk in listed), product.title
        assert (selectors.unlisted_reason(fresh) is None) == (product.pk in listed)
