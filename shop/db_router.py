"""PostgreSQL primary + read replica (docs/SCALING.md): the reads of read-only requests go
to the `replica` database alias, everything else to `default` (the primary).

Switched on by DATABASE_REPLICA_URL in production settings, which adds the alias, this
router and the middleware. A shopper who has just written (added to the basket, ordered,
signed in) reads from the primary for REPLICA_LAG_SECONDS after it, so the page after a
POST never shows the world before it while the replica catches up."""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WROTE_COOKIE = "ocop_wrote"

_reads_from_replica: ContextVar[bool] = ContextVar("reads_from_replica", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reads_from_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's rows: one database, two doors

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class ReadOnlyRequestsToReplica:
    """Marks a request read-only (its reads go to the replica) when its method cannot write
    and its shopper has not written lately; a request that may write marks its shopper."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        read_only = request.method in READ_ONLY_METHODS and WROTE_COOKIE not in request.COOKIES
        token = _reads_from_replica.set(read_only)
        try:
            response = self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
        if request.method not in READ_ONLY_METHODS:
            response.set_cookie(
                WROTE_COOKIE,
                "1",
                max_age=settings.REPLICA_LAG_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
