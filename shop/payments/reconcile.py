"""Reconciling bank transfers with orders awaiting them: one transfer typed by staff,
or every credit line of a bank statement CSV.

A transfer matches the payment whose reference (OCOP + order number) appears in its
message, ignoring case, spaces and punctuation (banks add and drop both). The amount
decides: the amount due pays the order; less is recorded as partial (the order keeps
waiting for the rest); more pays it and is listed for a refund of the difference. A line
already imported (same bank transaction id, or the same date, amount and message) is
recognised and never applied twice."""

import csv
import datetime
import hashlib
import io
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from shop.payments import services
from shop.payments.models import BankTransfer, Payment, StatementImport

REFERENCE = re.compile(r"OCOP\s*-?\s*(\d+)", re.IGNORECASE)

# Column names banks use in their CSV exports (lower-cased), per field.
COLUMNS = {
    "date": ("date", "ngày", "ngay", "ngày giao dịch", "transaction date", "booking date"),
    "amount": ("amount", "credit", "số tiền", "so tien", "ghi có", "số tiền ghi có"),
    "description": ("description", "message", "nội dung", "noi dung", "diễn giải", "details"),
    "reference": ("reference", "transaction id", "mã giao dịch", "ma giao dich", "số bút toán"),
}


class StatementError(ValueError):
    """The file cannot be read as a statement; the message says what to fix."""


@dataclass
class StatementLine:
    booked_on: datetime.date
    amount: int
    description: str
    bank_reference: str


# The amount column's range (an integer on PostgreSQL, about 2.1 billion VND): a larger
# amount cannot be a single transfer, and would fail the insert instead of saying so.
LARGEST_AMOUNT = 2_147_483_647


def parse_amount(text: str) -> int:
    """'150.000', '150,000', '150000 VND', '+150.000 ₫' → 150000 (VND has no decimals)."""
    digits = re.sub(r"[^\d-]", "", text or "")
    if not digits or digits == "-":
        raise StatementError(_("Cannot read the amount “%(text)s”.") % {"text": text})
    if int(digits) > LARGEST_AMOUNT:
        raise StatementError(
            _("The amount “%(text)s” is larger than any single transfer.") % {"text": text}
        )
    return int(digits)


def parse_date(text: str) -> datetime.date:
    text = (text or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise StatementError(_("Cannot read the date “%(text)s” (use 31/12/2025).") % {"text": text})


def read_statement(data: bytes) -> list[StatementLine]:
    text = data.decode("utf-8-sig")
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.DictReader(io.StringIO(text), dialect=dialect)
    headers = {(h or "").strip().lower(): h for h in rows.fieldnames or []}
    found = {}
    for field, names in COLUMNS.items():
        found[field] = next((headers[n] for n in names if n in headers), None)
    missing = [f for f in ("date", "amount", "description") if not found[f]]
    if missing:
        raise StatementError(
            _(
                "The statement needs columns for the date, the amount and the message; "
                "missing: %(cols)s."
            )
            % {"cols": ", ".join(missing)}
        )
    lines = []
    for row in rows:
        if not any((value or "").strip() for value in row.values()):
            continue
        amount = parse_amount(row[found["amount"]])
        if amount <= 0:
            continue  # money going out is not a transfer to reconcile
        booked_on = parse_date(row[found["date"]])
        description = (row[found["description"]] or "").strip()
        reference = (row[found["reference"]] or "").strip() if found["reference"] else ""
        if not reference:
            fingerprint = f"{booked_on.isoformat()}|{amount}|{description}".encode()
            reference = "sha256:" + hashlib.sha256(fingerprint).hexdigest()[:40]
        lines.append(StatementLine(booked_on, amount, description, reference))
    return lines


def payment_for(description: str) -> Payment | None:
    match = REFERENCE.search(re.sub(r"[^A-Za-z0-9]", " ", description))
    if match is None:
        compact = re.sub(r"[^A-Za-z0-9]", "", description)
        match = REFERENCE.search(compact)
    if match is None:
        return None
    return Payment.objects.filter(reference__iexact=f"OCOP{match.group(1)}").first()


def transfer_record(*, line: StatementLine, by, statement=None) -> BankTransfer:
    """Applies one incoming transfer, once; returns what became of it."""
    existing = BankTransfer.objects.filter(bank_reference=line.bank_reference).first()
    if existing is not None:
        existing.duplicate = True
        return existing
    with transaction.atomic():
        payment = payment_for(line.description)
        outcome = BankTransfer.Outcome.UNMATCHED
        if payment is not None:
            before = Payment.objects.select_for_update().get(pk=payment.pk)
            if before.is_paid:
                outcome = BankTransfer.Outcome.ALREADY_PAID
            elif before.status in (Payment.Status.EXPIRED, Payment.Status.CANCELLED):
                outcome = BankTransfer.Outcome.LATE
            elif line.amount < before.amount_outstanding:
                outcome = BankTransfer.Outcome.PARTIAL
            elif line.amount > before.amount_outstanding:
                outcome = BankTransfer.Outcome.OVERPAID
            else:
                outcome = BankTransfer.Outcome.APPLIED
            if outcome != BankTransfer.Outcome.ALREADY_PAID:
                services.payment_receive(payment=before, amount=line.amount, source="transfer")
        transfer = BankTransfer.objects.create(
            statement=statement,
            bank_reference=line.bank_reference,
            booked_on=line.booked_on,
            amount=line.amount,
            description=line.description[:500],
            payment=payment,
            outcome=outcome,
            recorded_by=by,
        )
    transfer.duplicate = False
    return transfer


def statement_import(*, data: bytes, filename: str, by) -> tuple[StatementImport, list]:
    """Reads the whole file first (a malformed file changes nothing), then applies it."""
    lines = read_statement(data)
    with transaction.atomic():
        statement = StatementImport.objects.create(filename=filename[:255], uploaded_by=by)
        results = [transfer_record(line=line, by=by, statement=statement) for line in lines]
    return statement, results
