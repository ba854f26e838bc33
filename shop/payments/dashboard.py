"""Staff and producer pages in Oscar's dashboard: shipments to move along, bank transfers
to reconcile, refunds, and the producers' payout accounts. Views only present and ask
the services; who may do what is decided by catalog.permissions."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db.models import Sum
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from catalog import permissions
from catalog.models import Producer
from catalog.validators import validate_document
from shop.dashboard.access import checked, require
from shop.dashboard.producer.views import csv_response
from shop.order.shipments import next_statuses, shipment_advance
from shop.payments import ledger, reconcile, refunds
from shop.payments.models import BankTransfer, LedgerEntry, Payment

Order = get_model("order", "Order")
Shipment = get_model("order", "Shipment")


NOT_YOURS = gettext_lazy("This belongs to another producer: you can only see your own.")
fulfilment = require(
    permissions.can_view_shipments, gettext_lazy("These pages are for producers and staff.")
)
STAFF_ONLY = gettext_lazy("For platform staff only.")
STATEMENT_YEARS = (2000, 2100)  # an address outside them names no month the shop has seen


# Shipments ----------------------------------------------------------------------------


class ShipmentForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"), choices=Shipment.Status.choices)
    carrier = forms.CharField(label=gettext_lazy("Carrier"), required=False, max_length=60)
    tracking_number = forms.CharField(
        label=gettext_lazy("Tracking number"), required=False, max_length=60
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (to cancel)"), required=False, max_length=255
    )


def _back(request, default: str):
    """Where the form came from (a page of this site only), else `default`."""
    target = request.POST.get("next", "")
    # A path of this site only: `redirect()` would take any other word for a view's name
    # (and answer 500 when there is none).
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect(default)


def _shipments(request):
    status = request.GET.get("status", "open")
    shipments = (
        Shipment.objects.filter(producer__in=permissions.producers_acted_for(request.user))
        .select_related("order", "producer", "order__payment", "order__shipping_address")
        .prefetch_related("lines", "events")
        .order_by("-order__date_placed", "pk")
    )
    if status == "open":
        shipments = shipments.exclude(status__in=["delivered", "cancelled"])
    elif status in Shipment.Status.values:
        shipments = shipments.filter(status=status)
    return status, shipments


@fulfilment
def shipment_list(request):
    status, shipments = _shipments(request)
    rows = [(s, [Shipment.Status(n) for n in next_statuses(s)]) for s in shipments[:200]]
    return render(
        request,
        "shop/dashboard/shipments.html",
        {"rows": rows, "status": status, "statuses": Shipment.Status.choices},
    )


@fulfilment
def shipment_export(request):
    _status, shipments = _shipments(request)
    rows = [
        [
            s.order.number,
            timezone.localtime(s.order.date_placed).date().isoformat(),
            s.producer.legal_name,
            s.get_status_display(),
            s.carrier,
            s.tracking_number,
            s.total,
        ]
        for s in shipments[:5000]
    ]
    return csv_response(
        "ocop-shipments.csv",
        ["order", "placed", "producer", "status", "carrier", "tracking", "total_vnd"],
        rows,
    )


def _shipment(request, pk, action):
    return checked(
        request,
        Shipment.objects.select_related("order", "producer", "order__payment"),
        pk=pk,
        check=permissions.can_fulfil_shipment,
        action=action,
        message=NOT_YOURS,
    )


@fulfilment
def shipment_detail(request, pk):
    """One shipment on its own page (a phone's screen): its lines, address, next step."""
    if request.method == "POST":
        return shipment_update(request, pk)
    shipment = _shipment(request, pk, "shipment view")
    return render(
        request,
        "shop/dashboard/shipment.html",
        {
            "shipment": shipment,
            "moves": [Shipment.Status(n) for n in next_statuses(shipment)],
        },
    )


@fulfilment
@require_POST
def shipment_update(request, pk):
    shipment = _shipment(request, pk, "shipment edit")
    form = ShipmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect("shop-dashboard:shipments")
    try:
        shipment_advance(
            shipment=shipment,
            by=request.user,
            to=form.cleaned_data["status"],
            **{k: form.cleaned_data[k] for k in ("carrier", "tracking_number", "reason")},
        )
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(
            request,
            _("Order %(number)s: %(producer)s's shipment is now %(status)s.")
            % {
                "number": shipment.order.number,
                "producer": shipment.producer,
                "status": Shipment.Status(form.cleaned_data["status"]).label,
            },
        )
    return _back(request, "shop-dashboard:shipments")


# Bank transfers -----------------------------------------------------------------------


class StatementForm(forms.Form):
    # A .csv (or .txt) under the document rule: at most OCOP_DOCUMENT_MAX_BYTES, refused by
    # its size before it is read, and UTF-8 text.
    statement = forms.FileField(
        label=gettext_lazy("Bank statement (CSV)"),
        validators=[FileExtensionValidator(["csv", "txt"]), validate_document],
    )


class TransferForm(forms.Form):
    bank_reference = forms.CharField(label=gettext_lazy("Bank transaction id"), max_length=100)
    booked_on = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = forms.IntegerField(
        label=gettext_lazy("Amount (VND)"), min_value=1, max_value=reconcile.LARGEST_AMOUNT
    )
    description = forms.CharField(label=gettext_lazy("Transfer message"), max_length=500)


@require(permissions.can_reconcile_transfers, STAFF_ONLY)
def transfers(request):
    results = None
    statement_form, transfer_form = StatementForm(), TransferForm()
    if request.method == "POST" and "statement" in request.FILES:
        statement_form = StatementForm(request.POST, request.FILES)
        if statement_form.is_valid():
            upload = statement_form.cleaned_data["statement"]
            try:
                _statement, results = reconcile.statement_import(
                    data=upload.read(), filename=upload.name, by=request.user
                )
            except (reconcile.StatementError, UnicodeDecodeError) as problem:
                messages.error(request, str(problem) or _("The file is not a UTF-8 CSV."))
    elif request.method == "POST":
        transfer_form = TransferForm(request.POST)
        if transfer_form.is_valid():
            data = transfer_form.cleaned_data
            line = reconcile.StatementLine(
                data["booked_on"],
                data["amount"],
                data["description"],
                "manual:" + data["bank_reference"],
            )
            results = [reconcile.transfer_record(line=line, by=request.user)]
    awaiting = Payment.objects.filter(
        method=Payment.Method.VIETQR, status=Payment.Status.AWAITING
    ).select_related("order")
    return render(
        request,
        "shop/dashboard/transfers.html",
        {
            "results": results,
            "statement_form": statement_form,
            "transfer_form": transfer_form,
            "awaiting": awaiting,
            "recent": BankTransfer.objects.select_related("payment__order")[:50],
        },
    )


# Refunds ------------------------------------------------------------------------------


@require(permissions.can_refund, STAFF_ONLY)
def refund(request, number):
    order = get_object_or_404(Order, number=number)
    payment = order.payment
    lines = list(order.lines.select_related("shipment"))
    if request.method == "POST":
        quantities = {}
        if not request.POST.get("everything"):
            for line in lines:
                raw = request.POST.get(f"line-{line.pk}", "0").strip() or "0"
                try:
                    quantity = int(raw)
                except ValueError:
                    quantity = -1
                if quantity:
                    quantities[line.pk] = quantity
            if not quantities:
                messages.error(request, _("Choose what to refund."))
                return redirect("shop-dashboard:refund", number=number)
        try:
            done = refunds.refund_create(
                payment=payment,
                quantities=quantities,
                reason=request.POST.get("reason", ""),
                by=request.user,
            )
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, _("Refunded %(amount)s.") % {"amount": currency(done.amount)})
        return redirect("shop-dashboard:refund", number=number)
    return render(
        request, "shop/dashboard/refund.html", {"order": order, "payment": payment, "lines": lines}
    )


# Producer payouts ---------------------------------------------------------------------


class PayoutForm(forms.Form):
    amount = forms.IntegerField(label=gettext_lazy("Amount paid (VND)"), min_value=1)
    memo = forms.CharField(label=gettext_lazy("Bank transfer reference"), max_length=255)


@fulfilment
def payouts(request):
    producers = permissions.producers_acted_for(request.user)
    balances = dict(
        LedgerEntry.objects.filter(producer__in=producers)
        .values_list("producer")
        .annotate(total=Sum("amount"))
    )
    today = timezone.localdate()
    return render(
        request,
        "shop/dashboard/payouts.html",
        {
            "rows": [(p, balances.get(p.pk, 0)) for p in producers],
            "month": f"{today.year:04d}-{today.month:02d}",
            "form": PayoutForm(),
        },
    )


@require(permissions.can_record_payout, STAFF_ONLY)
@require_POST
def payout_record(request, producer_pk):
    producer = get_object_or_404(Producer, pk=producer_pk)
    form = PayoutForm(request.POST)
    if form.is_valid():
        try:
            ledger.payout_record(producer=producer, by=request.user, **form.cleaned_data)
        except ValueError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Payout recorded."))
    else:
        messages.error(request, _("Give the amount and the bank transfer reference."))
    return _back(request, "shop-dashboard:payouts")


@fulfilment
def ledger_entries(request, producer_pk):
    """A producer's payout account: every entry, newest first, and the balance."""
    producer = checked(
        request,
        Producer.objects.all(),
        pk=producer_pk,
        check=permissions.can_view_ledger,
        action="ledger view",
        message=NOT_YOURS,
    )
    today = timezone.localdate()
    return render(
        request,
        "shop/dashboard/ledger.html",
        {
            "producer": producer,
            "entries": LedgerEntry.objects.filter(producer=producer).order_by("-created_at", "-pk")[
                :200
            ],
            "balance": ledger.balance(producer=producer),
            "year": today.year,
            "month": today.month,
            "form": PayoutForm() if permissions.can_record_payout(request.user) else None,
        },
    )


@fulfilment
def statement(request, producer_pk, year, month):
    producer = checked(
        request,
        Producer.objects.all(),
        pk=producer_pk,
        check=permissions.can_view_ledger,
        action="ledger export",
        message=NOT_YOURS,
    )
    if not (1 <= month <= 12 and STATEMENT_YEARS[0] <= year <= STATEMENT_YEARS[1]):
        raise Http404(_("There is no statement for that month."))
    body = ledger.statement_csv(producer=producer, year=year, month=month)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"ocop-payouts-{producer.partner.code or producer.pk}-{year:04d}-{month:02d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
