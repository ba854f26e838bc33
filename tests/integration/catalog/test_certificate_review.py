"""Certificates a producer uploads wait, pending, for the province: a pending certificate
never lists (the listing rule stays the only gate), verifying it supersedes the one in
force, refusing it needs a reason the producer reads, and every decision stays in the
certificate's history (who, when, before → after)."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from catalog import audit, selectors
from catalog.models import Certificate, Province
from catalog.services.certificates import (
    certificate_reject,
    certificate_submit,
    certificate_verify,
)
from catalog.services.roles import officer_appoint
from tests.factories import make_ocop_product, make_producer, pdf_scan

pytestmark = pytest.mark.django_db

PDF = pdf_scan()


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user("canbo", "canbo@ocop.test", "pw")
    officer_appoint(user=user, province=Province.objects.get(pk=40))
    return user


def submit(product, *, decision_date=None, number="500/QĐ-UBND", stars=4, score=80, **fields):
    return certificate_submit(
        product=product,
        stars=stars,
        score=score,
        criteria_version="148",
        level="province",
        issuing_body="UBND tỉnh Nghệ An",
        decision_number=number,
        decision_date=decision_date or timezone.localdate() - datetime.timedelta(days=3),
        scan=SimpleUploadedFile("qd.pdf", PDF),
        by=None,
        **fields,
    )


def test_a_product_with_only_a_pending_certificate_is_not_listed(honey_group):
    product = make_ocop_product(title="Mật ong mới", stars=None, category=honey_group)
    submit(product)
    assert not selectors.is_listable(product)
    assert not selectors.listable_products().filter(pk=product.pk).exists()
    assert not selectors.was_ever_ocop(product)  # no page at all: 404
    assert selectors.unlisted_reason(product) == (
        "Giấy chứng nhận OCOP của sản phẩm đang chờ tỉnh xác minh."
    )
    # The public check does not vouch for an unverified number.
    assert not selectors.certificates_matching(number="500/QĐ-UBND").exists()


def test_verifying_lists_the_product_and_supersedes_the_certificate_in_force(officer):
    product = make_ocop_product(
        title="Cam Vinh", stars=3, decision_date=timezone.localdate() - datetime.timedelta(days=900)
    )
    old = product.certificates.get()
    renewal = submit(product, stars=4, score=82)
    assert selectors.is_listable(product)  # the old certificate still holds meanwhile
    assert product.certificates.in_force(on=timezone.localdate()).get() == old

    certificate_verify(certificate=renewal, by=officer)

    renewal.refresh_from_db()
    old.refresh_from_db()
    assert renewal.status == Certificate.Status.VALID and renewal.reviewed_by == officer
    assert renewal.supersedes == old and old.status == Certificate.Status.SUPERSEDED
    product = type(product).objects.get(pk=product.pk)
    assert selectors.is_listable(product)
    assert selectors.product_page_facts(product)["certificate"].stars == 4

    # The decision is in the certificate's history, with who made it.
    entries = list(audit.history_of(renewal))
    status_changes = [e for e in entries if "status" in (e.changes_dict or {})]
    assert status_changes[-1].actor == officer
    assert status_changes[-1].changes_dict["status"] == ["pending", "valid"]


def test_an_older_decision_than_the_one_in_force_cannot_be_verified(officer):
    product = make_ocop_product(title="Giò bê", stars=4)
    older = submit(product, decision_date=timezone.localdate() - datetime.timedelta(days=400))
    with pytest.raises(ValidationError, match="mới hơn"):
        certificate_verify(certificate=older, by=officer)
    older.refresh_from_db()
    assert older.status == Certificate.Status.PENDING


def test_rejecting_needs_a_reason_and_never_lists(
    officer, mailoutbox, django_capture_on_commit_callbacks
):
    producer = make_producer(name="HTX Trà", email="htx@example.vn")
    product = make_ocop_product(title="Trà thảo dược", stars=None, producer=producer)
    upload = submit(product)
    with pytest.raises(ValidationError):
        certificate_reject(certificate=upload, reason="  ", by=officer)
    with django_capture_on_commit_callbacks(execute=True):
        certificate_reject(certificate=upload, reason="Bản chụp không đọc được", by=officer)
    upload.refresh_from_db()
    assert upload.status == Certificate.Status.REJECTED
    assert upload.status_reason == "Bản chụp không đọc được"
    assert not selectors.is_listable(product)
    assert mailoutbox[-1].to == ["htx@example.vn"]
    assert "Bản chụp không đọc được" in mailoutbox[-1].body
    with pytest.raises(ValidationError):  # decided once, for good
        certificate_verify(certificate=upload, by=officer)


def test_the_same_decision_cannot_be_uploaded_twice():
    product = make_ocop_product(title="Miến dong", stars=None)
    submit(product, number="77/QĐ-UBND")
    with pytest.raises(ValidationError, match="đã được ghi nhận"):
        submit(product, number=" 77/qđ-ubnd ")


def test_price_and_stock_changes_are_in_the_audit_trail(django_user_model):
    from catalog.services.products import stock_set

    product = make_ocop_product(title="Nước mắm", price=150000, stock=10)
    record = product.stockrecords.get()
    user = django_user_model.objects.create_user("nsx", "nsx@ocop.test", "pw")
    stock_set(stockrecord=record, by=user, num_in_stock=4, price=165000)
    entry = LogEntry.objects.get_for_object(record).filter(actor=user).get()
    assert entry.changes_dict["num_in_stock"] == ["10", "4"]
    assert entry.changes_dict["price"][1] in ("165000", "165000.00")


def test_roles_are_given_and_taken_from_the_command_line(django_user_model):
    from django.core.management import call_command

    from catalog import permissions
    from tests.factories import make_producer as producer_factory

    user = django_user_model.objects.create_user("x", "canbo2@ocop.test", "pw")
    call_command("ocop_role", "officer", "canbo2@ocop.test", "40")
    user = django_user_model.objects.get(pk=user.pk)
    assert permissions.province_of_user(user).pk == 40
    call_command("ocop_role", "officer", "canbo2@ocop.test", "--remove")
    user = django_user_model.objects.get(pk=user.pk)
    assert permissions.province_of_user(user) is None

    producer = producer_factory(name="HTX Lệnh", code="htx-lenh")
    call_command("ocop_role", "member", "canbo2@ocop.test", "htx-lenh")
    user = django_user_model.objects.get(pk=user.pk)
    assert permissions.producer_of_user(user) == producer
