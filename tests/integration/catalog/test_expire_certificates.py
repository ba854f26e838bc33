"""The daily job: lapsed certificates expire, their products leave the shop, producers are
warned 60 and 30 days ahead, once each."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from catalog import selectors, signals
from catalog.models import Certificate
from tests.factories import make_ocop_product, make_producer

pytestmark = pytest.mark.django_db

DECISION = datetime.date(2023, 6, 15)
LAST_DAY = datetime.date(2026, 6, 14)


def run(day):
    out = io.StringIO()
    call_command("expire_certificates", f"--date={day.isoformat()}", stdout=out)
    return out.getvalue()


@pytest.fixture
def product():
    producer = make_producer(name="HTX Cam Vinh", email="htx@camvinh.vn")
    return make_ocop_product(title="Cam Vinh", producer=producer, decision_date=DECISION)


def test_lapsed_certificate_is_expired_and_unlisted_once(product):
    unlisted = []
    signals.product_listing_changed.connect(
        lambda sender, product, **kw: unlisted.append(product), weak=False, dispatch_uid="t"
    )
    try:
        assert "0 certificate(s) expired" in run(LAST_DAY)
        assert "1 certificate(s) expired" in run(LAST_DAY + datetime.timedelta(days=1))
        assert "0 certificate(s) expired" in run(LAST_DAY + datetime.timedelta(days=1))
    finally:
        signals.product_listing_changed.disconnect(dispatch_uid="t")

    certificate = product.certificates.get()
    assert certificate.status == Certificate.Status.EXPIRED
    assert "14/06/2026" in certificate.status_reason
    assert unlisted == [product]  # the search index is told once
    assert not selectors.is_listable(product, on=LAST_DAY + datetime.timedelta(days=1))


def test_producer_is_warned_60_then_30_days_before_expiry_once_each(product):
    run(LAST_DAY - datetime.timedelta(days=61))
    assert mail.outbox == []

    run(LAST_DAY - datetime.timedelta(days=60))
    run(LAST_DAY - datetime.timedelta(days=60))  # cron ran twice
    run(LAST_DAY - datetime.timedelta(days=45))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["htx@camvinh.vn"]
    assert "Cam Vinh" in mail.outbox[0].subject and "60" in mail.outbox[0].subject

    run(LAST_DAY - datetime.timedelta(days=30))
    assert len(mail.outbox) == 2
    assert "30" in mail.outbox[1].subject
    assert "14/06/2026" in mail.outbox[1].body


def test_a_certificate_found_late_gets_one_warning_not_two(product):
    run(LAST_DAY - datetime.timedelta(days=20))  # the cron was down for weeks

    assert len(mail.outbox) == 1
    assert "20" in mail.outbox[0].subject
