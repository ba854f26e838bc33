"""The producers' payout ledger: append-only, integer VND.

A producer is credited for each line of a shipment once it is delivered AND paid for
(COD: the courier collected its cash), minus the marketplace's commission
(PAYOUT_COMMISSION_BASIS_POINTS); the shipment's shipping charge is credited whole. A
refund of a credited line is debited; staff record what they pay out. The balance is the
sum; a month's statement is a CSV."""

import csv
import datetime
import io

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.payments.models import LedgerEntry

Shipment = get_model("order", "Shipment")


def commission_on(gross: int) -> int:
    """The marketplace's share of `gross` VND, rounded half up to a whole dong."""
    return (gross * settings.PAYOUT_COMMISSION_BASIS_POINTS + 5_000) // 10_000


def is_paid_for(shipment) -> bool:
    payment = shipment.order.payment
    return payment.is_paid or (
        shipment.cash_collected > 0 and shipment.cash_collected >= shipment.total
    )


def credit_shipment(*, shipment) -> list[LedgerEntry]:
    """Credits a delivered, paid-for shipment's lines and charge, each once (the ledger's
    unique constraints hold that even against a race). Safe to call again."""
    if shipment.status != Shipment.Status.DELIVERED or not is_paid_for(shipment):
        return []
    credited = set(
        LedgerEntry.objects.filter(kind=LedgerEntry.Kind.SALE, line__shipment=shipment).values_list(
            "line", flat=True
        )
    )
    entries = []
    for line in shipment.lines.all():
        quantity = line.quantity_kept
        if quantity <= 0 or line.pk in credited:
            continue
        gross = line.unit_price * quantity
        commission = commission_on(gross)
        entries.append(
            LedgerEntry.objects.create(
                producer=shipment.producer,
                kind=LedgerEntry.Kind.SALE,
                amount=gross - commission,
                gross=gross,
                commission=commission,
                line=line,
                shipment=shipment,
                memo=_("Order %(number)s: %(title)s × %(quantity)s")
                % {"number": shipment.order.number, "title": line.title, "quantity": quantity},
            )
        )
    has_shipping = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.SHIPPING, shipment=shipment)
    if shipment.charge and not has_shipping.exists():
        entries.append(
            LedgerEntry.objects.create(
                producer=shipment.producer,
                kind=LedgerEntry.Kind.SHIPPING,
                amount=shipment.charge,
                gross=shipment.charge,
                shipment=shipment,
                memo=_("Order %(number)s: shipping") % {"number": shipment.order.number},
            )
        )
    return entries


def debit_refund_line(*, refund_line, by=None) -> LedgerEntry | None:
    """A refund of a line the producer was already credited for comes back out of its
    account (what it was credited for those units); an uncredited line owes nothing."""
    line = refund_line.line
    if not LedgerEntry.objects.filter(kind=LedgerEntry.Kind.SALE, line=line).exists():
        return None
    gross = refund_line.amount
    commission = commission_on(gross)
    return LedgerEntry.objects.create(
        producer=line.shipment.producer,
        kind=LedgerEntry.Kind.REFUND,
        amount=-(gross - commission),
        gross=-gross,
        commission=-commission,
        line=line,
        shipment=line.shipment,
        refund_line=refund_line,
        created_by=by,
        memo=_("Refund, order %(number)s: %(title)s × %(quantity)s")
        % {"number": line.order.number, "title": line.title, "quantity": refund_line.quantity},
    )


def payout_record(*, producer, amount: int, by, memo: str = "") -> LedgerEntry:
    """Staff paid `amount` VND to the producer's bank account."""
    if amount <= 0:
        raise ValueError(_("A payout is a positive amount."))
    if amount > balance(producer=producer):
        raise ValueError(_("A payout cannot exceed the producer's balance."))
    return LedgerEntry.objects.create(
        producer=producer, kind=LedgerEntry.Kind.PAYOUT, amount=-amount, created_by=by, memo=memo
    )


def balance(*, producer, before: datetime.datetime | None = None) -> int:
    entries = LedgerEntry.objects.filter(producer=producer)
    if before is not None:
        entries = entries.filter(created_at__lt=before)
    return entries.aggregate(total=Sum("amount"))["total"] or 0


def month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, month, 1, tzinfo=zone)
    end = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
    return start, end


def statement_csv(*, producer, year: int, month: int) -> str:
    """A month of the producer's account: opening balance, every entry, closing balance."""
    start, end = month_bounds(year, month)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["date", "kind", "memo", "gross_vnd", "commission_vnd", "amount_vnd", "balance_vnd"]
    )
    running = balance(producer=producer, before=start)
    writer.writerow([start.date().isoformat(), "opening", "", "", "", "", running])
    for entry in LedgerEntry.objects.filter(
        producer=producer, created_at__gte=start, created_at__lt=end
    ):
        running += entry.amount
        writer.writerow(
            [
                timezone.localtime(entry.created_at).date().isoformat(),
                entry.kind,
                entry.memo,
                entry.gross,
                entry.commission,
                entry.amount,
                running,
            ]
        )
    last_day = (end - datetime.timedelta(days=1)).date().isoformat()
    writer.writerow([last_day, "closing", "", "", "", "", running])
    return out.getvalue()
