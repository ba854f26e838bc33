"""Writes of OCOP certificates: issuing, re-rating, revoking, expiring."""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog import audit, signals
from catalog.models import Certificate
from catalog.models.certificates import number_key
from catalog.selectors import producer_of, today
from catalog.services import mail
from catalog.translation import as_columns


def default_valid_until(decision_date: datetime.date) -> datetime.date:
    """36 months from the decision, the last valid day being the day before the anniversary."""
    months = settings.OCOP_CERTIFICATE_VALIDITY_MONTHS
    return decision_date + relativedelta(months=months) - datetime.timedelta(days=1)


def _check_score_matches_stars(*, stars: int, score: int) -> None:
    band = settings.OCOP_STAR_BANDS.get(stars)
    if band and not band[0] <= score <= band[1]:
        raise ValidationError(
            {
                "score": _("A %(stars)s-star rating needs a score from %(low)s to %(high)s.")
                % {"stars": stars, "low": band[0], "high": band[1]}
            }
        )


@transaction.atomic
def certificate_issue(
    *,
    product,
    stars: int,
    score: int,
    criteria_version: str,
    level: str,
    issuing_body: str,
    decision_number: str,
    decision_date: datetime.date,
    criteria_set: str = "",
    number: str = "",
    issuing_body_en: str = "",
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    product_group=None,
    scan=None,
    created_by=None,
) -> Certificate:
    """Records a recognition decision. A product holds at most one valid certificate: a
    re-rating supersedes the one in force, which is kept as history. Nothing is saved if
    any field is wrong (5★ only at central level, stars 1–5, score in the star's band,
    validity ending after it starts, scan a PDF or image)."""
    valid_from = valid_from or decision_date
    certificate = Certificate(
        product=product,
        stars=stars,
        score=score,
        criteria_version=criteria_version,
        criteria_set=criteria_set,
        level=level,
        **_issuing_body(issuing_body, issuing_body_en),
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        number=number.strip(),
        valid_from=valid_from,
        valid_until=valid_until or default_valid_until(decision_date),
        product_group=product_group,
        created_by=created_by,
    )
    if scan is not None:
        certificate.scan = scan
    # Lock the product's current certificate so two re-ratings cannot both win.
    previous = (
        Certificate.objects.select_for_update()
        .filter(product=product, status=Certificate.Status.VALID)
        .first()
    )
    _validate(certificate)
    with audit.acting(created_by):
        if previous is not None:
            _supersede(previous, by=certificate)
            certificate.supersedes = previous
        certificate.save()
    signals.product_listing_changed.send(sender=Certificate, product=product)
    return certificate


def _issuing_body(vietnamese: str | None, english: str | None) -> dict:
    """As printed on the decision, and its English name for English pages (empty: the
    Vietnamese, marked as such). A blank form field may give None."""
    return as_columns(
        Certificate,
        {"issuing_body": (vietnamese or "").strip(), "issuing_body_en": (english or "").strip()},
    )


def _supersede(previous: Certificate, *, by: Certificate) -> None:
    reason = _("Re-rated by decision %(number)s") % {"number": by.decision_number}
    _change_status(previous, Certificate.Status.SUPERSEDED, reason=reason)


@transaction.atomic
def certificate_submit(
    *,
    product,
    stars: int,
    score: int,
    criteria_version: str,
    level: str,
    issuing_body: str,
    decision_number: str,
    decision_date: datetime.date,
    scan,
    by,
    criteria_set: str = "",
    number: str = "",
    issuing_body_en: str = "",
    valid_until: datetime.date | None = None,
    product_group=None,
) -> Certificate:
    """A producer uploads a new or renewed decision for its product. It waits, pending, for
    the province officer, and a pending certificate never lists (the listing rule asks for
    status valid); the product keeps the certificate it has until the new one is verified.
    The scan of the decision is required: it is what the officer checks."""
    if not scan:
        raise ValidationError({"scan": _("Attach the scan of the decision (PDF or picture).")})
    certificate = Certificate(
        product=product,
        stars=stars,
        score=score,
        criteria_version=criteria_version,
        criteria_set=criteria_set,
        level=level,
        **_issuing_body(issuing_body, issuing_body_en),
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        number=number.strip(),
        valid_from=decision_date,
        valid_until=valid_until or default_valid_until(decision_date),
        product_group=product_group,
        created_by=by,
        status=Certificate.Status.PENDING,
        scan=scan,
    )
    _validate(certificate)
    if Certificate.objects.filter(
        product=product,
        decision_key=number_key(certificate.decision_number),
        status__in=[Certificate.Status.PENDING, *Certificate.DECIDED],
    ).exists():
        raise ValidationError(
            {"decision_number": _("This decision is already recorded for this product.")}
        )
    with audit.acting(by):
        certificate.save()
    producer = producer_of(product)
    mail.send(
        to=mail.officer_addresses(producer.province) if producer else [],
        template="certificate_submitted",
        context={
            "certificate": certificate,
            "producer": producer,
            "url": mail.absolute("province-dashboard:certificate", pk=certificate.pk),
        },
    )
    return certificate


@transaction.atomic
def certificate_verify(
    *,
    certificate: Certificate,
    by,
    issuing_body: str | None = None,
    issuing_body_en: str | None = None,
) -> Certificate:
    """The province officer checked the uploaded decision: it becomes the product's valid
    certificate (superseding the one in force, kept as history) and the product lists if
    the rest of the rule holds. A decision older than the one in force, or already past its
    validity, cannot be verified. The officer may correct the issuing body as printed and
    write its English name (None: left as the producer typed them)."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if issuing_body is not None or issuing_body_en is not None:
        for column, value in _issuing_body(
            (certificate.issuing_body_vi or "") if issuing_body is None else issuing_body,
            (certificate.issuing_body_en or "") if issuing_body_en is None else issuing_body_en,
        ).items():
            setattr(certificate, column, value)
        checked = {"issuing_body_vi", "issuing_body_en"}
        certificate.clean_fields(
            exclude=[f.name for f in Certificate._meta.fields if f.name not in checked]
        )
    if certificate.status != Certificate.Status.PENDING:
        raise ValidationError(
            _("This certificate was already decided (%(status)s).")
            % {"status": certificate.get_status_display()}
        )
    if certificate.valid_until < today():
        raise ValidationError(_("This decision's validity has already ended."))
    previous = (
        Certificate.objects.select_for_update()
        .filter(product=certificate.product_id, status=Certificate.Status.VALID)
        .first()
    )
    if previous is not None and previous.decision_date > certificate.decision_date:
        raise ValidationError(
            _("A more recent decision (%(number)s) is already in force for this product.")
            % {"number": previous.decision_number}
        )
    with audit.acting(by):
        if previous is not None:
            _supersede(previous, by=certificate)
            certificate.supersedes = previous
        certificate.status = Certificate.Status.VALID
        certificate.status_reason = ""
        certificate.status_changed_at = certificate.reviewed_at = timezone.now()
        certificate.reviewed_by = by
        certificate.save()
    signals.product_listing_changed.send(sender=Certificate, product=certificate.product)
    _tell_producer(certificate, verified=True)
    return certificate


@transaction.atomic
def certificate_reject(*, certificate: Certificate, reason: str, by) -> Certificate:
    """The province officer refuses an upload (not a real decision, another product, an
    unreadable scan…), with the reason the producer reads."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Tell the producer why, so it knows what to do.")})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status != Certificate.Status.PENDING:
        raise ValidationError(
            _("This certificate was already decided (%(status)s).")
            % {"status": certificate.get_status_display()}
        )
    with audit.acting(by):
        certificate.status = Certificate.Status.REJECTED
        certificate.status_reason = reason[:255]
        certificate.status_changed_at = certificate.reviewed_at = timezone.now()
        certificate.reviewed_by = by
        certificate.save()
    _tell_producer(certificate, verified=False)
    return certificate


def _tell_producer(certificate: Certificate, *, verified: bool) -> None:
    producer = producer_of(certificate.product)
    if producer is None:
        return
    mail.send(
        to=mail.producer_addresses(producer),
        template="certificate_decided",
        context={
            "certificate": certificate,
            "producer": producer,
            "verified": verified,
            "url": mail.absolute("producer-dashboard:certificates"),
        },
    )


def _change_status(certificate: Certificate, status: str, *, reason: str) -> None:
    """Records a status change with its reason and time (the caller holds the row lock)."""
    certificate.status = status
    certificate.status_reason = reason
    certificate.status_changed_at = timezone.now()
    certificate.save(update_fields=["status", "status_reason", "status_changed_at"])


def _validate(certificate: Certificate) -> None:
    errors = {}
    if certificate.stars is not None and not 1 <= certificate.stars <= 5:
        errors["stars"] = [_("Stars must be from 1 to 5.")]
    if certificate.score is not None and not 0 <= certificate.score <= 100:
        errors["score"] = [_("The score is out of 100.")]
    if certificate.stars == 5 and certificate.level != Certificate.Level.CENTRAL:
        errors["level"] = [_("Only the central council can recognise a 5-star product.")]
    if certificate.valid_until and certificate.valid_until <= certificate.valid_from:
        errors["valid_until"] = [_("The end of validity must come after its start.")]
    if not errors and certificate.stars and certificate.score is not None:
        try:
            _check_score_matches_stars(stars=certificate.stars, score=certificate.score)
        except ValidationError as error:
            errors.update(error.message_dict)
    try:
        # The one-valid-per-product constraint is handled by superseding, not here.
        certificate.full_clean(validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, by=None) -> Certificate:
    """Revokes a certificate (failed checks, logo misuse): its product is unlisted at once."""
    if not reason.strip():
        raise ValidationError({"status_reason": _("Say why the certificate is revoked.")})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    with audit.acting(by):
        _change_status(certificate, Certificate.Status.REVOKED, reason=reason.strip())
    signals.product_listing_changed.send(sender=Certificate, product=certificate.product)
    return certificate


def certificates_expire(*, on: datetime.date) -> list[Certificate]:
    """Marks valid certificates whose last day has passed as expired; returns them.
    Running it twice on the same day changes nothing the second time."""
    lapsed = []
    with transaction.atomic():
        for certificate in (
            Certificate.objects.select_for_update()
            .select_related("product")
            .filter(status=Certificate.Status.VALID, valid_until__lt=on)
        ):
            reason = _("Not re-rated before %(date)s") % {
                "date": certificate.valid_until.strftime("%d/%m/%Y")
            }
            _change_status(certificate, Certificate.Status.EXPIRED, reason=reason)
            lapsed.append(certificate)
    for certificate in lapsed:
        signals.product_listing_changed.send(sender=Certificate, product=certificate.product)
    return lapsed
