"""Giving and taking roles (catalog.permissions defines them): a user joins a producer as
a member, or is appointed officer of a province."""

from django.db import transaction

from catalog import audit
from catalog.models import ProvinceOfficer
from catalog.permissions import OFFICER_GROUP, PRODUCER_GROUP, role_group


def _forget_cached_roles(user) -> None:
    for name in ("_ocop_producer", "_ocop_province", "_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(name, None)


@transaction.atomic
def producer_member_add(*, producer, user, by=None) -> None:
    """The user acts for the producer from now on (Oscar's partner users), in the producer
    members' group (partner.dashboard_access)."""
    with audit.acting(by or user):
        producer.partner.users.add(user)
    user.groups.add(role_group(PRODUCER_GROUP))
    _forget_cached_roles(user)


@transaction.atomic
def producer_member_remove(*, producer, user, by=None) -> None:
    with audit.acting(by):
        producer.partner.users.remove(user)
    if not user.partners.exists():
        user.groups.remove(role_group(PRODUCER_GROUP))
    _forget_cached_roles(user)


@transaction.atomic
def officer_appoint(*, user, province, by=None) -> ProvinceOfficer:
    """The user becomes (or moves to be) the OCOP officer of `province`."""
    with audit.acting(by):
        officer, _created = ProvinceOfficer.objects.update_or_create(
            user=user, defaults={"province": province}
        )
    user.groups.add(role_group(OFFICER_GROUP))
    _forget_cached_roles(user)
    return officer


@transaction.atomic
def officer_dismiss(*, user, by=None) -> None:
    with audit.acting(by):
        ProvinceOfficer.objects.filter(user=user).delete()
    user.groups.remove(role_group(OFFICER_GROUP))
    _forget_cached_roles(user)
