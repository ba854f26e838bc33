"""Staff reconcile a bank statement CSV (matched, partial, unmatched, nothing applied
twice) and the payout ledger keeps its rules (once per line, append-only, statements)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from oscar.core.loading import get_model

from shop.order.shipments import shipment_advance
from shop.payments import ledger
from shop.payments.models import BankTransfer, LedgerEntry, Payment
from shop.payments.reconcile import StatementError, statement_import
from shop.payments.services import payment_receive
from tests.checkout import place_order
from tests.factories import make_ocop_product

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")


@pytest.fixture(autouse=True)
def vietqr_on(settings):
    settings.VIETQR_BANK_BIN = "970436"
    settings.VIETQR_ACCOUNT_NUMBER = "0011001234567"


@pytest.fixture
def two_transfer_orders(django_app):
    honey = make_ocop_product(title="Mật ong rừng", price=150000, stock=5)
    place_order(django_app, [honey], method="vietqr")
    django_app.reset()
    place_order(django_app, [honey], method="vietqr", email="b@example.vn")
    return list(Order.objects.order_by("pk"))


def test_statement_applies_each_line_once(two_transfer_orders, admin_user):
    first, second = two_transfer_orders
    due = int(first.total_incl_tax)
    csv = (
        "Ngày;Số tiền;Nội dung;Mã giao dịch\n"
        f"01/12/2026;{due:,};CK ocop-{first.number} nguyen van a;FT001\n".replace(",", ".")
        + f"01/12/2026;100.000;OCOP{second.number} tra truoc;FT002\n"
        + "01/12/2026;50.000;chuyen tien an trua;FT003\n"
    ).encode()

    _statement, results = statement_import(data=csv, filename="vcb.csv", by=admin_user)

    assert [r.outcome for r in results] == ["applied", "partial", "unmatched"]
    assert Payment.objects.get(order=first).status == "paid"
    second_payment = Payment.objects.get(order=second)
    assert (second_payment.status, second_payment.amount_received) == ("awaiting", 100000)

    _again, results = statement_import(data=csv, filename="vcb.csv", by=admin_user)
    assert all(r.duplicate for r in results)
    assert BankTransfer.objects.count() == 3
    assert Payment.objects.get(order=second).amount_received == 100000


def test_ledger_is_append_only_and_sums_to_the_statement(two_transfer_orders, admin_user):
    first, _second = two_transfer_orders
    shipment = first.shipments.get()
    payment_receive(payment=first.payment, amount=int(first.total_incl_tax), source="transfer")
    for status, extra in (
        ("packed", {}),
        ("shipped", {"carrier": "GHN", "tracking_number": "GHN1"}),
        ("delivered", {}),
    ):
        shipment_advance(shipment=shipment, to=status, **extra)
    ledger.credit_shipment(shipment=shipment)  # again: nothing more

    entries = list(LedgerEntry.objects.order_by("kind"))
    assert [(e.kind, e.amount, e.commission) for e in entries] == [
        ("sale", 135000, 15000),
        ("shipping", 38000, 0),
    ]
    with pytest.raises(ValidationError):
        entries[0].save()
    with pytest.raises(ValidationError):
        entries[0].delete()
    producer = shipment.producer
    assert ledger.balance(producer=producer) == 173000
    with pytest.raises(ValueError):
        ledger.payout_record(producer=producer, amount=173001, by=admin_user)
    ledger.payout_record(producer=producer, amount=173000, by=admin_user, memo="UNC 01")
    today = datetime.date.today()
    rows = ledger.statement_csv(producer=producer, year=today.year, month=today.month).splitlines()
    assert rows[0].startswith("date,kind")
    assert rows[-1].endswith(",0")  # closing balance after the payout
    assert ledger.balance(producer=producer) == 0


def test_an_amount_no_transfer_can_have_is_refused_with_a_message(django_app, admin_user):
    """A mistyped amount (a pasted account number, say) is refused, in the statement and in
    the manual form, instead of failing the insert with an error page."""
    csv = "Ngày;Số tiền;Nội dung;Mã giao dịch\n01/12/2026;10.000.000.000.000;CK;FT009\n"
    with pytest.raises(StatementError, match="10.000.000.000.000"):
        statement_import(data=csv.encode(), filename="vcb.csv", by=admin_user)

    page = django_app.get("/dashboard/shop/transfers/", user=admin_user)
    form = next(f for f in page.forms.values() if "bank_reference" in f.fields)
    form["bank_reference"] = "FT010"
    form["booked_on"] = "2026-12-01"
    form["amount"] = str(10**30)
    form["description"] = "CK ocop-100001"
    answer = form.submit()

    assert answer.status_code == 200
    assert answer.html.select(".error-block, .invalid-feedback, .errorlist")
    assert not BankTransfer.objects.exists()
