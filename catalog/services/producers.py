"""Writes of producers: registration, sign-up, the story, review by province staff."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog import audit, selectors, signals
from catalog.models import Producer, ProducerDocument
from catalog.services import mail
from catalog.services.roles import producer_member_add
from catalog.translation import as_columns, english

Partner = get_model("partner", "Partner")


def normalise_registration_number(number: str) -> str:
    """A tax or business registration number as the register writes it: no spaces, upper
    case ("0101 234 567" and "0101234567" are one number)."""
    return "".join(number.split()).upper()


@transaction.atomic
def producer_register(*, legal_name: str, partner_code: str, **fields) -> Producer:
    """Creates a producer and its Oscar partner, pending verification. Story fields are
    sanitised; everything is validated before anything is saved."""
    if "registration_number" in fields:
        fields["registration_number"] = normalise_registration_number(fields["registration_number"])
    partner = Partner(name=legal_name, code=partner_code)
    producer = Producer(legal_name=legal_name, **fields)
    partner.full_clean()
    producer.full_clean(exclude=["partner"])
    partner.save()
    producer.partner = partner
    producer.save()
    return producer


@transaction.atomic
def producer_signup(
    *,
    legal_name: str,
    entity_type: str,
    registration_number: str,
    province,
    commune,
    contact_person: str,
    phone: str,
    email: str,
    user=None,
    password: str = "",
    street_address: str = "",
    documents: list = (),
) -> Producer:
    """A producer applies to sell (the public sign-up form): its account (the signed-in
    user, or a new one made from `email` and `password`), a pending producer of which that
    account is a member, and the scans it sent (OCOP decisions, registration). The officers
    of its province are emailed. Nothing is saved if any part is wrong: a registration
    number already registered, a commune outside the province, a file that is not a PDF
    or an image."""
    User = get_user_model()
    email = User._default_manager.normalize_email(email.strip())
    registration_number = normalise_registration_number(registration_number)
    producer = Producer(
        legal_name=legal_name.strip(),
        entity_type=entity_type,
        registration_number=registration_number,
        province=province,
        commune=commune,
        street_address=street_address.strip(),
        contact_person=contact_person.strip(),
        phone=phone.strip(),
        email=email,
    )
    errors = {}
    try:
        producer.full_clean(exclude=["partner"])
    except ValidationError as error:
        errors.update(error.message_dict)
    papers = [ProducerDocument(title=title, file=upload) for title, upload in documents]
    for paper in papers:
        try:
            paper.full_clean(exclude=["producer"])
        except ValidationError as error:
            errors.setdefault("documents", []).extend(
                message for messages in error.message_dict.values() for message in messages
            )
    if user is None:
        if User._default_manager.filter(email__iexact=email).exists():
            errors.setdefault("email", []).append(
                _("An account with this email already exists: log in, then apply.")
            )
        elif not password:
            errors.setdefault("password", []).append(_("Choose a password."))
    elif Producer.objects.filter(partner__users=user).exists():
        errors.setdefault("__all__", []).append(_("Your account already belongs to a producer."))
    if errors:
        raise ValidationError(errors)
    if user is None:
        user = User._default_manager.create_user(
            username=email[: User._meta.get_field("username").max_length],
            email=email,
            password=password,
        )
    with audit.acting(user):
        partner = Partner(name=producer.legal_name, code=f"ocop-{registration_number}"[:128])
        partner.full_clean()
        partner.save()
        producer.partner = partner
        producer.save()
        for paper in papers:
            paper.producer = producer
            paper.save()
        producer_member_add(producer=producer, user=user)
    mail.send(
        to=mail.officer_addresses(producer.province),
        template="application_received",
        context={
            "producer": producer,
            "url": mail.absolute("province-dashboard:producer", pk=producer.pk),
        },
    )
    return producer


@transaction.atomic
def producer_resubmit(*, producer: Producer, by, documents: list = (), **fields) -> Producer:
    """The producer corrects its application after the province asked for changes: it goes
    back to pending and the officers are told."""
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    if producer.status not in Producer.OPEN_APPLICATION:
        raise ValidationError(_("This application is closed: it can no longer be changed."))
    if "registration_number" in fields:
        fields["registration_number"] = normalise_registration_number(fields["registration_number"])
    for name, value in fields.items():
        setattr(producer, name, value)
    was = producer.status
    producer.status = Producer.Status.PENDING
    producer.status_reason = ""
    papers = [ProducerDocument(producer=producer, title=t, file=f) for t, f in documents]
    producer.full_clean()
    for paper in papers:
        paper.full_clean()
    with audit.acting(by):
        producer.save()
        for paper in papers:
            paper.save()
    if was == Producer.Status.CHANGES_REQUESTED:
        mail.send(
            to=mail.officer_addresses(producer.province),
            template="application_received",
            context={
                "producer": producer,
                "resubmitted": True,
                "url": mail.absolute("province-dashboard:producer", pk=producer.pk),
            },
        )
    return producer


# The story a producer tells on its product pages: each section in Vietnamese (the plain
# name) and in English (name_en), rich text through the one sanitiser in both.
STORY_FORM_FIELDS = tuple(
    name for field in Producer.STORY_FIELDS for name in (field, english(field))
)


@transaction.atomic
def producer_story_update(*, producer: Producer, by, **story) -> Producer:
    """The producer's story in both languages (STORY_FORM_FIELDS). An English section left
    empty shows the Vietnamese one on English pages, marked as such."""
    unknown = set(story) - set(STORY_FORM_FIELDS)
    if unknown:
        raise TypeError(f"not part of the story: {', '.join(sorted(unknown))}")
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    for column, value in as_columns(Producer, story).items():
        setattr(producer, column, value or "")
    producer.full_clean()
    with audit.acting(by):
        producer.save()
    _listing_changed(producer)
    return producer


def producer_update(*, producer: Producer, **fields) -> Producer:
    for name, value in fields.items():
        setattr(producer, name, value)
    producer.full_clean()
    producer.save()
    return producer


class Decision:
    APPROVE = "approve"
    ASK_CHANGES = "changes"
    REJECT = "reject"
    CHOICES = (APPROVE, ASK_CHANGES, REJECT)


@transaction.atomic
def producer_review(*, producer: Producer, decision: str, by, reason: str = "") -> Producer:
    """The province officer's answer to an application: approve (the producer is verified
    and its listable products appear), ask for changes, or reject; the last two need the
    reason, which the producer reads on its dashboard and in the email it is sent."""
    producer = Producer.objects.select_for_update().get(pk=producer.pk)
    reason = reason.strip()
    if decision not in Decision.CHOICES:
        raise ValidationError(_("Choose approve, ask for changes or reject."))
    if producer.status not in Producer.OPEN_APPLICATION:
        raise ValidationError(
            _("This application was already decided (%(status)s).")
            % {"status": producer.get_status_display()}
        )
    if decision != Decision.APPROVE and not reason:
        raise ValidationError({"reason": _("Tell the producer why, so it knows what to do.")})
    with audit.acting(by):
        if decision == Decision.APPROVE:
            producer_verify(producer=producer, by=by)
        else:
            producer.status = (
                Producer.Status.CHANGES_REQUESTED
                if decision == Decision.ASK_CHANGES
                else Producer.Status.REJECTED
            )
            producer.status_reason = reason
            producer.save(update_fields=["status", "status_reason"])
    mail.send(
        to=mail.producer_addresses(producer),
        template="application_decided",
        context={
            "producer": producer,
            "decision": decision,
            "url": mail.absolute("producer-dashboard:index"),
        },
    )
    return producer


def producer_verify(*, producer: Producer, by) -> Producer:
    producer.status = Producer.Status.VERIFIED
    producer.status_reason = ""
    producer.verified_by = by
    producer.verified_at = timezone.now()
    with audit.acting(by):
        producer.save(update_fields=["status", "status_reason", "verified_by", "verified_at"])
    _listing_changed(producer)
    return producer


def producer_suspend(*, producer: Producer, reason: str, by=None) -> Producer:
    """Suspends a producer: all its products leave the shop at once."""
    if not reason.strip():
        raise ValidationError({"status_reason": _("Say why the producer is suspended.")})
    producer.status = Producer.Status.SUSPENDED
    producer.status_reason = reason.strip()
    with audit.acting(by):
        producer.save(update_fields=["status", "status_reason"])
    _listing_changed(producer)
    return producer


def _listing_changed(producer: Producer) -> None:
    for product in selectors.products_of(producer):
        signals.product_listing_changed.send(sender=Producer, product=product)
