"""The audit trail: every change to a certificate, a producer, a listing, a price or a stock
level, and every refused attempt to touch someone else's object: who, when, before → after.

Kept by django-auditlog (a maintained library): it records each save and delete of the
registered models from Django's model signals, so a change made through the producer
portal, Oscar's dashboard, django-admin, a service or the shell is recorded the same way,
with its field-by-field before → after; its middleware names the signed-in user. One table
for every kind (django-simple-history would add a history table, and migrations, per
model, Oscar's included). Platform staff read it at /dashboard/audit/ and in django-admin.
"""

import contextlib
from contextvars import ContextVar

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.db.models.signals import pre_save
from oscar.core.loading import get_model

# What is recorded for each model: its label, the fields whose changes matter (None: all),
# and its many-to-many fields.
TRACKED = {
    "catalog.producer": {"exclude_fields": ["registered_at"]},
    "catalog.producerdocument": {},
    "catalog.provinceofficer": {},
    "catalog.certificate": {"exclude_fields": ["decision_key", "number_key", "created_at"]},
    "catalog.batch": {"exclude_fields": ["created_at"]},
    "catalogue.product": {
        # Each language's own column (catalog/translation.py): "title" reads the page's.
        "include_fields": [
            "title_vi",
            "title_en",
            "description_vi",
            "description_en",
            "is_public",
            "upc",
            "slug",
        ],
        "m2m_fields": {"categories"},
    },
    "catalogue.productimage": {"include_fields": ["product", "original", "caption"]},
    "partner.stockrecord": {"include_fields": ["price", "num_in_stock", "partner_sku"]},
    "partner.partner": {"include_fields": ["name"], "m2m_fields": {"users"}},
}

# A refused attempt is an "access" entry (auditlog's own action for what changed nothing).
DENIED = LogEntry.Action.ACCESS


def register() -> None:
    """Called once, from CatalogConfig.ready()."""
    pre_save.connect(_name_actor, sender=LogEntry, dispatch_uid="ocop-audit-actor")
    for label, options in TRACKED.items():
        app_label, model_name = label.split(".")
        model = get_model(app_label, model_name)
        if not auditlog.contains(model):
            auditlog.register(model, **options)


# Who is acting, for saves made outside a request (a service called by a command, a test,
# the shell). Our own variable, reset on exit: auditlog's set_actor() neither restores the
# value it replaces nor nests inside its middleware's context.
_actor: ContextVar = ContextVar("ocop_audit_actor", default=None)


@contextlib.contextmanager
def acting(user):
    """Names `user` as the author of what is saved inside (when the request's middleware
    has not already named someone)."""
    token = _actor.set(user if getattr(user, "is_authenticated", False) else None)
    try:
        yield
    finally:
        _actor.reset(token)


def _name_actor(sender, instance, **kwargs):
    user = _actor.get()
    if instance.actor_id is None and user is not None:
        instance.actor = user
        instance.actor_email = getattr(user, "email", None)


class Refused(PermissionDenied):
    """A refusal to write down: raised by a view that found the object belongs to someone
    else. RefusalMiddleware records it once the request's transaction has been rolled back
    (ATOMIC_REQUESTS), so the record survives, then Django answers 403 with the message."""

    def __init__(self, message, *, obj, action: str):
        super().__init__(message)
        self.obj = obj
        self.action = action


class RefusalMiddleware:
    """Writes each Refused attempt to the audit trail (after the view's transaction)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Refused):
            record_denied(
                user=request.user,
                obj=exception.obj,
                action=exception.action,
                path=request.get_full_path(),
            )
        return None  # Django's own 403 page follows, with the message


def record_denied(*, user, obj, action: str, path: str = "") -> LogEntry:
    """Writes down a refused attempt on `obj` (editing another producer's product by id,
    an officer opening another province's certificate): nothing changed, but staff see who
    tried what, where and when."""
    actor = user if getattr(user, "is_authenticated", False) else None
    return LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=DENIED,
        actor=actor,
        actor_email=getattr(actor, "email", None),
        changes_text=f"refused: {action}",
        additional_data={"refused": action, "path": path[:500]},
    )


def trail(*, kind: str | None = None, refused_only: bool = False) -> QuerySet:
    """The audit trail, newest first, for staff; `kind` is a label of TRACKED."""
    from django.contrib.contenttypes.models import ContentType

    entries = LogEntry.objects.select_related("actor", "content_type")
    if kind in TRACKED:
        app_label, model_name = kind.split(".")
        entries = entries.filter(
            content_type=ContentType.objects.get_by_natural_key(app_label, model_name)
        )
    if refused_only:
        entries = entries.filter(action=DENIED)
    return entries.order_by("-timestamp", "-pk")


def history_of(obj) -> QuerySet:
    """Every recorded change of one object, oldest first (a certificate's decisions)."""
    return LogEntry.objects.get_for_object(obj).select_related("actor").order_by("timestamp", "pk")
