"""The province officer's pages (/dashboard/province/): the producers and certificates
waiting for review, certificates expiring soon, and the province's statistics with charts
and CSV export. An officer sees its own province only; platform staff choose any."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from catalog import audit, permissions, selectors
from catalog.models import Certificate, Producer, Province
from catalog.services.certificates import certificate_reject, certificate_verify
from catalog.services.producers import Decision, producer_review
from shop.api.exports import LIST_LABELS
from shop.dashboard import charts, posted, sales
from shop.dashboard.access import checked, require
from shop.dashboard.producer.views import csv_response

NOT_YOUR_PROVINCE = gettext_lazy("This belongs to another province: you review your own only.")
# A decision posted again (a second tab, the back button): said, not silently ignored.
ALREADY_DECIDED = gettext_lazy("This has been decided already: nothing was changed.")
officer_only = require(
    permissions.can_use_officer_portal,
    gettext_lazy("These pages are for province OCOP officers."),
)


def _province(request):
    """The province the page is about: the officer's own; for staff, the one chosen with
    ?province= (all provinces when none). An officer asking for another is refused."""
    own = permissions.province_of_user(request.user)
    asked = request.GET.get("province")
    if asked:
        try:
            province = get_object_or_404(Province, pk=int(asked))
        except ValueError:
            raise PermissionDenied(NOT_YOUR_PROVINCE) from None
        if not permissions.can_manage_province(request.user, province):
            raise audit.Refused(NOT_YOUR_PROVINCE, obj=province, action="province statistics")
        return province
    return own


class ReasonForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (Decision.APPROVE, pgettext_lazy("producer application", "Approve")),
            (Decision.ASK_CHANGES, gettext_lazy("Ask for changes")),
            (Decision.REJECT, gettext_lazy("Reject")),
        ],
        widget=forms.RadioSelect,
        label=gettext_lazy("Decision"),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (the producer reads it)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CertificateDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("verify", gettext_lazy("Verify: the decision is genuine")),
            ("reject", gettext_lazy("Reject")),
        ],
        widget=forms.RadioSelect,
        label=gettext_lazy("Decision"),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (the producer reads it)"),
        required=False,
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # What the product page says recognised the product, in both languages: the officer
    # corrects it as printed on the decision and gives its English name when verifying.
    issuing_body = forms.CharField(
        label=gettext_lazy("Issuing body (Vietnamese, as printed)"),
        required=False,  # left empty: as the producer typed it
        max_length=255,
        widget=forms.TextInput(attrs={"lang": "vi"}),
    )
    issuing_body_en = forms.CharField(
        label=gettext_lazy("Issuing body (English)"),
        required=False,
        max_length=255,
        help_text=gettext_lazy("Shown on the English pages; left empty, they show the Vietnamese."),
        widget=forms.TextInput(attrs={"lang": "en"}),
    )

    def __init__(self, *args, certificate, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("issuing_body", certificate.issuing_body_vi)
        self.initial.setdefault("issuing_body_en", certificate.issuing_body_en or "")


@officer_only
def index(request):
    province = _province(request)
    return render(
        request,
        "shop/dashboard/province/index.html",
        {
            "province": province,
            "provinces": Province.objects.all()
            if permissions.is_platform_staff(request.user)
            else [],
            "producers": selectors.producers_awaiting_review(province)[:50],
            "certificates": selectors.certificates_awaiting_review(province)[:50],
            "expiring": selectors.certificates_expiring(province, within_days=60)[:100],
        },
    )


@officer_only
def producer_list(request):
    province = _province(request)
    producers = permissions.producers_visible_to(request.user).select_related("province", "commune")
    if province is not None:
        producers = producers.filter(province=province)
    status = request.GET.get("status")
    if status in Producer.Status.values:
        producers = producers.filter(status=status)
    return render(
        request,
        "shop/dashboard/province/producers.html",
        {
            "producers": producers[:500],
            "province": province,
            "status": status,
            "statuses": Producer.Status.choices,
        },
    )


@officer_only
def producer_review_view(request, pk):
    deciding = request.method == "POST"
    producer = checked(
        request,
        Producer.objects.select_related("province", "commune", "partner"),
        pk=pk,
        check=permissions.can_review_producer if deciding else permissions.can_view_producer,
        action="producer review" if deciding else "producer view",
        message=NOT_YOUR_PROVINCE,
    )
    if deciding and producer.status not in Producer.OPEN_APPLICATION:
        messages.error(request, ALREADY_DECIDED)
        deciding = False
    form = ReasonForm(posted.data(request) if deciding else None)
    if deciding and form.is_valid():
        try:
            producer_review(
                producer=producer,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s: decision recorded and emailed.") % {"name": producer.legal_name},
            )
            return redirect("province-dashboard:index")
    return render(
        request,
        "shop/dashboard/province/producer.html",
        {
            "producer": producer,
            "form": form,
            "documents": producer.documents.all(),
            "history": audit.history_of(producer),
            "members": producer.partner.users.all(),
        },
    )


@officer_only
def certificate_list(request):
    province = _province(request)
    certificates = selectors.certificates_of_province(province).order_by("-created_at", "-pk")
    status = request.GET.get("status")
    if status in Certificate.Status.values:
        certificates = certificates.filter(status=status)
    return render(
        request,
        "shop/dashboard/province/certificates.html",
        {
            "certificates": certificates[:500],
            "province": province,
            "status": status,
            "statuses": Certificate.Status.choices,
        },
    )


@officer_only
def certificate_export(request):
    """The certificates expiring in the next 60 days, as a CSV (for a re-rating plan)."""
    province = _province(request)
    rows = [
        [
            c.product.title,
            c.stars,
            c.decision_number,
            c.decision_date.isoformat(),
            c.valid_until.isoformat(),
        ]
        for c in selectors.certificates_expiring(province, within_days=60)
    ]
    return csv_response(
        "ocop-certificates-expiring.csv",
        ["product", "stars", "decision", "decision_date", "valid_until"],
        rows,
    )


@officer_only
def certificate_review(request, pk):
    deciding = request.method == "POST"
    certificate = checked(
        request,
        Certificate.objects.select_related("product", "reviewed_by", "created_by"),
        pk=pk,
        check=permissions.can_verify_certificate if deciding else permissions.can_view_certificate,
        action="certificate verify" if deciding else "certificate view",
        message=NOT_YOUR_PROVINCE,
    )
    if deciding and certificate.status != Certificate.Status.PENDING:
        messages.error(request, ALREADY_DECIDED)
        deciding = False
    form = CertificateDecisionForm(
        posted.data(request) if deciding else None, certificate=certificate
    )
    if deciding and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "verify":
                certificate_verify(
                    certificate=certificate,
                    by=request.user,
                    issuing_body=form.cleaned_data["issuing_body"] or None,
                    issuing_body_en=form.cleaned_data["issuing_body_en"],
                )
            else:
                certificate_reject(
                    certificate=certificate, reason=form.cleaned_data["reason"], by=request.user
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Decision %(number)s: recorded and emailed.")
                % {"number": certificate.decision_number},
            )
            return redirect("province-dashboard:index")
    return render(
        request,
        "shop/dashboard/province/certificate.html",
        {
            "certificate": certificate,
            "producer": selectors.producer_of(certificate.product),
            "form": form,
            "history": audit.history_of(certificate),
            "others": certificate.product.certificates.exclude(pk=certificate.pk),
        },
    )


def _statistics(province) -> list:
    facts = selectors.province_statistics(province)
    months = sales.by_month(sales.sold_lines(province=province))
    return [
        charts.bar_chart(
            "listed-by-stars",
            title=_("Listed products by stars"),
            rows=facts["by_stars"],
            label_heading=_("Stars"),
            value_heading=_("Products"),
        ),
        charts.bar_chart(
            "listed-by-group",
            title=_("Listed products by OCOP group"),
            rows=facts["by_group"],
            label_heading=_("OCOP group"),
            value_heading=_("Products"),
        ),
        charts.bar_chart(
            "listed-by-commune",
            title=_("Listed products by commune"),
            rows=facts["by_commune"][:15],
            label_heading=_("Commune"),
            value_heading=_("Products"),
        ),
        charts.bar_chart(
            "producers-by-entity-type",
            title=_("Producers by entity type"),
            rows=facts["by_entity_type"],
            label_heading=_("Entity type"),
            value_heading=_("Producers"),
        ),
        charts.bar_chart(
            "sales-by-month",
            title=_("Sales by month (VND)"),
            rows=[(month, revenue) for month, _orders, revenue in months],
            label_heading=_("Month"),
            value_heading=_("Revenue (VND)"),
            money=True,
            horizontal=False,
        ),
    ]


@officer_only
def statistics(request):
    province = _province(request)
    return render(
        request,
        "shop/dashboard/province/statistics.html",
        {
            "province": province,
            "provinces": Province.objects.all()
            if permissions.is_platform_staff(request.user)
            else [],
            "charts": _statistics(province),
            "open_data_lists": LIST_LABELS,
        },
    )


@officer_only
def statistics_export(request):
    """Every table of the statistics page in one CSV: chart, label, value."""
    province = _province(request)
    rows = [
        [chart.slug, label, value] for chart in _statistics(province) for label, value in chart.rows
    ]
    name = f"ocop-statistics-{province.codename if province else 'vietnam'}.csv"
    return csv_response(name, ["table", "label", "value"], rows)
