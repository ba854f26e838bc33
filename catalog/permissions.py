"""Who may do what: the one module (ARCHITECTURE.md, "Trust by construction").

Four roles, each a Django group that grants the role and an object that scopes it:

- shopper: any account (or none); no dashboard.
- producer member (`PRODUCER_GROUP`, permission `partner.dashboard_access`): a user of one
  producer's Oscar partner (`partner.users`); acts on that producer's products, stock,
  batches, certificates, shipments, ledger and sales only.
- province officer (`OFFICER_GROUP`, permissions `catalog.review_producer` and
  `catalog.verify_certificate`): a `ProvinceOfficer` row ties the user to one province;
  reviews and reads what belongs to producers of that province only.
- platform staff: `is_staff` accounts (Oscar's and Django's own meaning of staff).

Every view, dashboard page, API and the CMS asks one of the `can_*` functions below; the
querysets (`*_visible_to`) scope lists the same way. The functions read the objects they
are given duck-typed (a shipment's `producer_id`, a ledger's producer), so this module
imports nothing from shop, cms or search. A role needs BOTH its group and its scope: a
user taken out of the group, or whose partner link or officer row is removed, loses it.
"""

from django.contrib.auth.models import Group, Permission

from catalog.models import Producer, ProvinceOfficer

PRODUCER_GROUP = "OCOP producer members"
OFFICER_GROUP = "OCOP province officers"

# The permissions each group grants (app_label.codename).
ROLE_PERMISSIONS = {
    PRODUCER_GROUP: ("partner.dashboard_access",),
    OFFICER_GROUP: ("catalog.review_producer", "catalog.verify_certificate"),
}


def role_group(name: str) -> Group:
    """The group of a role, made (with its permissions) the first time it is needed."""
    group, _created = Group.objects.get_or_create(name=name)
    wanted = []
    for label in ROLE_PERMISSIONS[name]:
        app_label, codename = label.split(".")
        wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    if set(group.permissions.all()) != set(wanted):
        group.permissions.set(wanted)
    return group


# Who the user is ------------------------------------------------------------------------


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_platform_staff(user) -> bool:
    return _active(user) and bool(user.is_staff)


def producer_of_user(user) -> Producer | None:
    """The producer a member acts for (one per user), cached on the user for the request.
    None for anyone else, staff included."""
    if not _active(user) or not user.has_perm("partner.dashboard_access"):
        return None
    if not hasattr(user, "_ocop_producer"):
        user._ocop_producer = (
            Producer.objects.select_related("partner", "province", "commune")
            .filter(partner__users=user)
            .order_by("pk")
            .first()
        )
    return user._ocop_producer


def province_of_user(user):
    """The province an officer works for (the CMS's per-province editors use it too), or
    None. Cached on the user for the request."""
    if not _active(user) or not user.has_perm("catalog.verify_certificate"):
        return None
    if not hasattr(user, "_ocop_province"):
        officer = ProvinceOfficer.objects.select_related("province").filter(user=user).first()
        user._ocop_province = officer.province if officer else None
    return user._ocop_province


def is_producer_member(user) -> bool:
    return producer_of_user(user) is not None


def is_province_officer(user) -> bool:
    return province_of_user(user) is not None


def _owns(user, producer_id) -> bool:
    producer = producer_of_user(user)
    return producer is not None and producer_id is not None and producer.pk == producer_id


def _governs(user, province_id) -> bool:
    province = province_of_user(user)
    return province is not None and province_id is not None and province.pk == province_id


def _producer_id_of_product(product):
    # Imported here: selectors imports models only, but keeps this module's import light.
    from catalog.selectors import producer_of

    producer = producer_of(product)
    return (producer.pk, producer.province_id) if producer else (None, None)


# Dashboards -----------------------------------------------------------------------------


def can_use_producer_portal(user) -> bool:
    return is_producer_member(user)


def can_use_officer_portal(user) -> bool:
    return is_province_officer(user) or is_platform_staff(user)


def can_use_catalogue_dashboard(user) -> bool:
    """Oscar's own product, category and order screens: platform staff only. Producers work
    through the producer portal, whose writes go through catalog.services."""
    return is_platform_staff(user)


def can_view_audit_trail(user) -> bool:
    return is_platform_staff(user)


# Producers ------------------------------------------------------------------------------


def can_view_producer(user, producer) -> bool:
    return (
        is_platform_staff(user) or _owns(user, producer.pk) or _governs(user, producer.province_id)
    )


def can_edit_application(user, producer) -> bool:
    """A producer corrects its own application while it is open (pending, or changes asked)."""
    return _owns(user, producer.pk) and producer.status in Producer.OPEN_APPLICATION


def can_edit_story(user, producer) -> bool:
    """The product story its pages tell, in Vietnamese and English: the producer's members."""
    return _owns(user, producer.pk)


def can_review_producer(user, producer) -> bool:
    """Approve, ask for changes, reject, suspend: the officer of the producer's province."""
    return is_platform_staff(user) or _governs(user, producer.province_id)


# Products, stock, batches ---------------------------------------------------------------


def can_create_product(user) -> bool:
    return is_producer_member(user)


def can_view_product(user, product) -> bool:
    producer_id, province_id = _producer_id_of_product(product)
    return is_platform_staff(user) or _owns(user, producer_id) or _governs(user, province_id)


def can_edit_product(user, product) -> bool:
    """Title, description, group, images, price, stock, shown or hidden."""
    producer_id, _province_id = _producer_id_of_product(product)
    return is_platform_staff(user) or _owns(user, producer_id)


def can_delete_product(user, product) -> bool:
    """Certificates, batches and orders keep a product as history: producers hide it."""
    return is_platform_staff(user)


def can_edit_stock(user, stockrecord) -> bool:
    producer = getattr(stockrecord.partner, "producer", None)
    return is_platform_staff(user) or _owns(user, producer.pk if producer else None)


def can_view_batch(user, batch) -> bool:
    return can_view_product(user, batch.product)


def can_edit_batch(user, batch) -> bool:
    return can_edit_product(user, batch.product)


def can_print_labels(user, batch) -> bool:
    """The printable QR label sheet of a batch: its producer, or staff."""
    return can_edit_product(user, batch.product)


# Certificates ---------------------------------------------------------------------------


def can_submit_certificate(user, product) -> bool:
    """Upload a new or renewed decision for one's own product (it waits as pending)."""
    producer_id, _province_id = _producer_id_of_product(product)
    return _owns(user, producer_id)


def can_view_certificate(user, certificate) -> bool:
    return can_view_product(user, certificate.product)


def can_verify_certificate(user, certificate) -> bool:
    """Accept or refuse an upload, revoke: the officer of the producer's province, or staff."""
    _producer_id, province_id = _producer_id_of_product(certificate.product)
    return is_platform_staff(user) or _governs(user, province_id)


# Shipments, ledger, sales (objects of shop/, read duck-typed) ----------------------------


def can_view_shipments(user) -> bool:
    return is_platform_staff(user) or is_producer_member(user)


def can_fulfil_shipment(user, shipment) -> bool:
    """Pack, ship, mark delivered, cancel: the shipment's producer, or staff."""
    return is_platform_staff(user) or _owns(user, shipment.producer_id)


def can_refund(user) -> bool:
    return is_platform_staff(user)


def can_reconcile_transfers(user) -> bool:
    return is_platform_staff(user)


def can_view_ledger(user, producer) -> bool:
    """A producer's payout account and monthly statements."""
    return is_platform_staff(user) or _owns(user, producer.pk)


def can_record_payout(user) -> bool:
    return is_platform_staff(user)


def can_view_sales(user, producer) -> bool:
    return is_platform_staff(user) or _owns(user, producer.pk)


# Provinces ------------------------------------------------------------------------------


def can_manage_province(user, province) -> bool:
    """Act for a province: review its producers and certificates, read and export its
    statistics, and (in the CMS) edit its pages. Its officer, or platform staff."""
    return is_platform_staff(user) or _governs(user, getattr(province, "pk", province))


def can_view_province_stats(user, province) -> bool:
    return can_manage_province(user, province)


# Lists, scoped the same way -------------------------------------------------------------


def producers_visible_to(user):
    """Producers a user may see in a dashboard list."""
    if is_platform_staff(user):
        return Producer.objects.all()
    province = province_of_user(user)
    if province is not None:
        return Producer.objects.filter(province=province)
    producer = producer_of_user(user)
    if producer is not None:
        return Producer.objects.filter(pk=producer.pk)
    return Producer.objects.none()


def producers_acted_for(user):
    """Producers whose shipments and ledger a user works on: all for staff, their own for
    a member, none for anyone else (officers read statistics, not accounts)."""
    if is_platform_staff(user):
        return Producer.objects.all()
    producer = producer_of_user(user)
    if producer is not None:
        return Producer.objects.filter(pk=producer.pk)
    return Producer.objects.none()
