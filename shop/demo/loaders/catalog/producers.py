"""Demo producers (chủ thể OCOP) through catalog.services.producers: registered once, brought
up to date on later loads, verified by the demo admin or suspended; and the quality
certifications (VietGAP, organic, HACCP, ISO 22000, geographical indication) they hold.

A producer is found by its registration number or its partner code, never by a primary key.
"""

import datetime
from decimal import Decimal

from django.core.management.base import CommandError
from django.db.models import Q
from oscar.core.loading import get_model

from catalog.models import Commune, Producer, Province, QualityCertification
from catalog.services.producers import (
    producer_register,
    producer_suspend,
    producer_update,
    producer_verify,
)
from catalog.translation import english as english_name
from catalog.validators import sanitise_rich_text
from shop.demo.base import upsert

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

PLAIN_FIELDS = (
    "entity_type",
    "registration_number",
    "trademark",
    "street_address",
    "origin_as_published",
    "phone",
    "email",
    "women_led",
    "ethnic_minority_led",
)


def _place(spec: dict) -> tuple[Province, Commune]:
    """Today's province and commune named in the data; a name that matches nothing stops the
    load (a silent fallback would file a producer under the wrong place)."""
    province = Province.objects.filter(name=spec["province"]).first()
    if province is None:
        raise CommandError(f"Producer {spec['code']}: no province named {spec['province']!r}.")
    commune = Commune.objects.filter(province=province, name=spec["commune"]).first()
    if commune is None:
        raise CommandError(
            f"Producer {spec['code']}: no commune named {spec['commune']!r} in {province.name}."
        )
    return province, commune


def _fields(spec: dict, english: dict) -> dict:
    """The producer's fields; its English story only where english.json has one (the others
    show the Vietnamese on English pages)."""
    province, commune = _place(spec)
    story = spec.get("story", {})
    story_en = english.get(spec["code"], {})
    return {
        **{name: spec[name] for name in PLAIN_FIELDS},
        "legal_name": spec["name"],
        "province": province,
        "commune": commune,
        "latitude": Decimal(spec["latitude"]),
        "longitude": Decimal(spec["longitude"]),
        "ethnic_group": spec.get("ethnic_group", ""),
        **{name: story.get(name.removeprefix("story_"), "") for name in Producer.STORY_FIELDS},
        **{
            english_name(name): story_en.get(name.removeprefix("story_"), "")
            for name in Producer.STORY_FIELDS
            if story_en
        },
    }


def _as_stored(name: str, value):
    # The service stores stories sanitised ("&" as "&amp;"): compare like with like.
    story = name.removesuffix("_en") in Producer.STORY_FIELDS
    return sanitise_rich_text(value) if story else value


def _save(spec: dict, english: dict) -> tuple[Producer, str]:
    """The producer for one data entry and what was done: "registered", "updated" or ""."""
    fields = _fields(spec, english)
    producer = (
        Producer.objects.select_related("partner")
        .filter(Q(registration_number=spec["registration_number"]) | Q(partner__code=spec["code"]))
        .first()
    )
    if producer is None:
        partner = Partner.objects.filter(code=spec["code"]).first()
        if partner is None:
            # The usual first load: the service creates the Oscar partner itself.
            legal_name = fields.pop("legal_name")
            producer = producer_register(legal_name=legal_name, partner_code=spec["code"], **fields)
            return producer, "registered"
        # A database from an earlier load_demo holds the partner (with its stock records)
        # but no producer: attach one to it, still validated and sanitised by the service.
        return producer_update(producer=Producer(partner=partner), **fields), "registered"
    changed = {
        name: value
        for name, value in fields.items()
        if getattr(producer, name) != _as_stored(name, value)
    }
    if changed:
        producer_update(producer=producer, **changed)
    # producer_register names the partner after the producer; keep them in step.
    upsert(Partner, {"pk": producer.partner.pk}, {"name": producer.legal_name})
    return producer, "updated" if changed else ""


def _set_status(producer: Producer, spec: dict, *, by) -> None:
    """Verified by the demo admin, or suspended with the reason in the data. Only a change of
    status is written: verifying again would move `verified_at` on every load."""
    reason = spec.get("suspended_reason", "")
    pending = producer.status == Producer.Status.PENDING
    if pending or (not reason and producer.status != Producer.Status.VERIFIED):
        producer_verify(producer=producer, by=by)
    if reason and (
        producer.status != Producer.Status.SUSPENDED or producer.status_reason != reason
    ):
        producer_suspend(producer=producer, reason=reason, by=by)


def load_producers(data: dict, *, admin) -> dict:
    """Producers by partner code, registered or updated, then verified or suspended."""
    producers = {}
    for spec in data["producers"]:
        producer, _ = _save(spec, data["english"]["producers"])
        _set_status(producer, spec, by=admin)
        producers[spec["code"]] = producer
    return producers


def load_quality_certifications(data: dict, *, producers: dict) -> int:
    """Verified quality certifications, one per (producer, kind); a "product" UPC narrows one
    to a single product (a geographical indication covers one product, not the producer)."""
    count = 0
    for spec in data["producers"]:
        for certification in spec.get("quality_certifications", []):
            upc = certification["product"]
            valid_until = certification["valid_until"]
            upsert(
                QualityCertification,
                {"producer": producers[spec["code"]], "kind": certification["kind"]},
                {
                    "product": Product.objects.get(upc=upc) if upc else None,
                    "number": certification["number"],
                    "issuer": certification["issuer"],
                    "valid_until": datetime.date.fromisoformat(valid_until)
                    if valid_until
                    else None,
                    "verified": True,
                },
            )
            count += 1
    return count


def producer_counts(producers: dict) -> dict:
    """How many of the demo producers are in each status."""
    counts = dict.fromkeys(Producer.Status.values, 0)
    for producer in producers.values():
        counts[producer.status] += 1
    return counts
