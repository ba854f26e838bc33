"""The OCOP side of the demo products, through catalog.services: certificates (valid at
3★–5★, expired, revoked, re-rated, rated 2★) and production batches with their trace pages.

Every date comes from the data file, so two machines load the same certificates; only what
the services compute themselves (validity end, expiry on today's date) depends on the day.
Certificates are found by (product, decision number), batches by (product, lot code).
"""

import datetime
import hashlib

from django.conf import settings
from django.core.management.base import CommandError
from django.db.models import Count

from catalog.models import Batch, Certificate, QualityCertification
from catalog.models.batches import TRACE_ALPHABET, TRACE_CODE_LENGTH
from catalog.selectors import listable_products, today
from catalog.services.batches import batch_create
from catalog.services.certificates import (
    certificate_issue,
    certificate_revoke,
    certificates_expire,
)

DECISION_TERMS = ("level", "issuing_body", "criteria_version", "decision_number")


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _terms(data: dict, spec: dict, rating: dict) -> dict:
    """A rating's decision: the province's defaults, the central council's for 5★, then
    what the product or the rating itself says."""
    province = next(p["province"] for p in data["producers"] if p["code"] == spec["producer"])
    terms = {**data["certificate_defaults"][province]}
    if rating["stars"] == 5:
        terms.update(data["central_certificate"])
    terms.update(spec.get("certificate", {}))
    terms.update(rating)
    return terms


def _issue(
    product, terms: dict, *, criteria_set: str, group, admin, issuing_body_en: str
) -> Certificate:
    """The certificate of that decision for the product, issued if it is not there yet (an
    earlier load's gets its issuing body's English name)."""
    number = terms["decision_number"]
    existing = product.certificates.filter(decision_number=number).first()
    if existing is not None:
        if (existing.issuing_body_en or "") != issuing_body_en:
            Certificate.objects.filter(pk=existing.pk).update(issuing_body_en=issuing_body_en)
            existing.issuing_body_en = issuing_body_en
        return existing
    decision_date = _date(terms["decision_date"])
    if product.certificates.filter(decision_date__gt=decision_date).exists():
        # Issuing an older rating now would supersede the newer one and unlist the product.
        raise CommandError(
            f"{product.upc}: decision {number} is older than a certificate already loaded; "
            "load the demo into an empty database."
        )
    return certificate_issue(
        product=product,
        stars=terms["stars"],
        score=terms["score"],
        criteria_version=terms["criteria_version"],
        criteria_set=criteria_set,
        level=terms["level"],
        issuing_body=terms["issuing_body"],
        issuing_body_en=issuing_body_en,
        decision_number=number,
        decision_date=decision_date,
        product_group=group,
        created_by=admin,
    )


def load_certificates(data: dict, *, products: dict, categories: dict, admin) -> int:
    """Issues every product's ratings, oldest first so a re-rating supersedes the earlier
    one, revokes those the data marks revoked, then lets the expiry job mark lapsed ones.
    Returns how many certificates the expiry job marked today (0 on a second load)."""
    criteria_sets = {
        sub["slug"]: sub["criteria_set"]
        for group in data["product_groups"]
        for sub in group["sub_groups"]
    }
    issuing_bodies = data["english"]["issuing_bodies"]
    for spec in data["products"]:
        product = products[spec["upc"]]
        current = {"stars": spec["stars"], "score": spec["score"]}
        certificate = None
        for rating in [*spec.get("earlier_certificates", []), current]:
            terms = _terms(data, spec, rating)
            certificate = _issue(
                product,
                terms,
                criteria_set=criteria_sets[spec["sub_group"]],
                group=categories[spec["group"]],
                admin=admin,
                issuing_body_en=issuing_bodies.get(terms["issuing_body"], ""),
            )
        reason = spec.get("revoke_reason")
        if reason and certificate.status != Certificate.Status.REVOKED:
            certificate_revoke(certificate=certificate, reason=reason, by=admin)
    return len(certificates_expire(on=today()))


def demo_trace_code(upc: str, lot_code: str) -> str:
    """A trace code fixed by the product and lot, so a reload keeps every printed demo QR
    stamp valid. Real batches get random codes; demo codes are public anyway."""
    digest = hashlib.sha256(f"{upc}/{lot_code}".encode()).digest()
    number = int.from_bytes(digest, "big")
    letters = []
    for _ in range(TRACE_CODE_LENGTH):
        number, index = divmod(number, len(TRACE_ALPHABET))
        letters.append(TRACE_ALPHABET[index])
    return "".join(letters)


def _certifications(producer, kinds: list[str]) -> list[QualityCertification]:
    found = list(producer.quality_certifications.filter(kind__in=kinds))
    if len(found) != len(set(kinds)):
        raise CommandError(f"{producer}: a batch names certifications {kinds} it does not hold.")
    return found


def load_batches(data: dict, *, products: dict, producers: dict) -> list[Batch]:
    """The data's batches, in data order, each created once with its steps."""
    batches = []
    for spec in data["products"]:
        product = products[spec["upc"]]
        for lot in spec.get("batches", []):
            batch = product.batches.filter(lot_code=lot["lot_code"]).first()
            if batch is None:
                batch = batch_create(
                    product=product,
                    lot_code=lot["lot_code"],
                    produced_on=_date(lot["produced_on"]),
                    best_before=_date(lot["best_before"]),
                    quantity=lot["quantity"],
                    unit=lot["unit"],
                    origin_area=lot["origin_area"],
                    growing_area_code=lot["growing_area_code"],
                    inputs=lot["inputs"],
                    standards=lot["standards"],
                    steps=[
                        {**step, "happened_on": _date(step["happened_on"])} for step in lot["steps"]
                    ],
                    certifications=_certifications(
                        producers[spec["producer"]], lot.get("certifications", [])
                    ),
                    trace_code=demo_trace_code(spec["upc"], lot["lot_code"]),
                )
            batches.append(batch)
    return batches


def certificate_counts(products: dict) -> dict:
    """The demo products' certificates: valid ones by stars, and the other statuses."""
    # No ordering: the model's would join the GROUP BY and split each count by date.
    certificates = Certificate.objects.filter(product__in=products.values()).order_by()
    by_status = dict(certificates.values_list("status").annotate(n=Count("pk")))
    valid = dict(
        certificates.filter(status=Certificate.Status.VALID)
        .values_list("stars")
        .annotate(n=Count("pk"))
    )
    listed_stars = range(settings.OCOP_LISTED_MIN_STARS, 6)
    return {
        "valid": sum(valid.get(stars, 0) for stars in listed_stars),
        "valid_by_stars": {stars: valid.get(stars, 0) for stars in listed_stars},
        "expired": by_status.get(Certificate.Status.EXPIRED, 0),
        "revoked": by_status.get(Certificate.Status.REVOKED, 0),
        "superseded": by_status.get(Certificate.Status.SUPERSEDED, 0),
        "rated_2": valid.get(2, 0),
    }


def listed_count(products: dict) -> int:
    return listable_products().filter(pk__in=[p.pk for p in products.values()]).count()
