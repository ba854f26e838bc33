"""Writes of producers: registration, the story, verification by province staff."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog import selectors, signals
from catalog.models import Producer

Partner = get_model("partner", "Partner")


@transaction.atomic
def producer_register(*, legal_name: str, partner_code: str, **fields) -> Producer:
    """Creates a producer and its Oscar partner, pending verification. Story fields are
    sanitised; everything is validated before anything is saved."""
    partner = Partner(name=legal_name, code=partner_code)
    producer = Producer(legal_name=legal_name, **fields)
    partner.full_clean()
    producer.full_clean(exclude=["partner"])
    partner.save()
    producer.partner = partner
    producer.save()
    return producer


def producer_update(*, producer: Producer, **fields) -> Producer:
    for name, value in fields.items():
        setattr(producer, name, value)
    producer.full_clean()
    producer.save()
    return producer


def producer_verify(*, producer: Producer, by) -> Producer:
    producer.status = Producer.Status.VERIFIED
    producer.status_reason = ""
    producer.verified_by = by
    producer.verified_at = timezone.now()
    producer.save(update_fields=["status", "status_reason", "verified_by", "verified_at"])
    _listing_changed(producer)
    return producer


def producer_suspend(*, producer: Producer, reason: str, by=None) -> Producer:
    """Suspends a producer: all its products leave the shop at once."""
    if not reason.strip():
        raise ValidationError({"status_reason": _("Say why the producer is suspended.")})
    producer.status = Producer.Status.SUSPENDED
    producer.status_reason = reason.strip()
    producer.save(update_fields=["status", "status_reason"])
    _listing_changed(producer)
    return producer


def _listing_changed(producer: Producer) -> None:
    for product in selectors.products_of(producer):
        signals.product_listing_changed.send(sender=Producer, product=product)
