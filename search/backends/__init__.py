"""The search backend in use, chosen by the SEARCH_BACKEND setting, and the fallback to
the database when Elasticsearch cannot answer."""

import logging
from hashlib import sha256

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from django.utils.module_loading import import_string

from catalog import selectors
from search.backends.base import SearchQuery, SearchResults, SearchUnavailable
from search.models import CatalogVersion

logger = logging.getLogger(__name__)

BACKENDS = {
    "database": "search.backends.database.DatabaseBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}


def get_backend(name: str | None = None):
    return import_string(BACKENDS[name or settings.SEARCH_BACKEND])()


def index_backends() -> list:
    """Where index changes go: the database index always (it is the fallback), and
    Elasticsearch too when it is the configured backend."""
    backends = [get_backend("database")]
    if settings.SEARCH_BACKEND != "database":
        backends.append(get_backend())
    return backends


def _answer(method: str, *args, **kwargs):
    """Asks the configured backend, or the database if it is unreachable: the shop's
    pages never error because Elasticsearch is down."""
    backend = get_backend()
    try:
        return getattr(backend, method)(*args, **kwargs)
    except SearchUnavailable:
        if backend.name == "database":
            raise
        logger.warning(
            "Search backend %s unavailable for %s; answering from the database",
            backend.name,
            method,
            exc_info=True,
        )
        return getattr(get_backend("database"), method)(*args, **kwargs)


VERSIONS_SQL = (
    f"SELECT id, epoch, version FROM {CatalogVersion._meta.db_table} WHERE id IN (1, 2, 3)"
)
# The versions read once per GET or HEAD request (search/apps.py connects the signals);
# outside a request, or in one that may write, every call reads them afresh.
_request = Local()


def start_request(*, environ=None, **kwargs) -> None:
    method = (environ or {}).get("REQUEST_METHOD", "")
    _request.versions = {} if method in ("GET", "HEAD") else None


def finish_request(**kwargs) -> None:
    _request.versions = None


def _versions() -> dict[int, str]:
    memo = getattr(_request, "versions", None)
    if memo:
        return memo
    # Every storefront page reads this row set, and a page from the cache does little else:
    # the ORM took three times as long to build the statement as the database to answer it.
    with connections[router.db_for_read(CatalogVersion)].cursor() as cursor:
        cursor.execute(VERSIONS_SQL)
        versions = {pk: f"{epoch}.{version}" for pk, epoch, version in cursor.fetchall()}
    if memo is not None:
        memo.update(versions or {0: "none"})
    return versions


def catalog_version() -> str:
    """Changes whenever anything a search answer depends on changes (search.models
    .CatalogVersion row 1, bumped by database triggers): one indexed read per request."""
    return _versions().get(1, "0.0")


def storefront_version() -> str:
    """Changes whenever anything a product card, a product page or the group menu shows
    changes: row 1 and row 2 (stock, pictures, batches, quality certifications, groups;
    search/migrations/0005). Cached storefront fragments are keyed on it."""
    versions = _versions()
    return f"{versions.get(1, '0.0')}-{versions.get(2, '0.0')}"


def content_version() -> str:
    """Changes whenever a CMS page changes (row 3, search/migrations/0007), and with the
    storefront: the home page's sections are cached under it."""
    return f"{storefront_version()}-{_versions().get(3, '0.0')}"


def cached(label: str, compute, *args, **kwargs):
    """`compute(*args, **kwargs)`, from the cache when nothing it depends on has changed
    since it was computed: the catalog (catalog_version) and the day (certificates lapse
    at midnight)."""
    identity = repr((label, args, sorted(kwargs.items()), settings.SEARCH_BACKEND))
    digest = sha256(identity.encode()).hexdigest()
    key = f"search:{catalog_version()}:{selectors.today().isoformat()}:{digest}"
    answer = cache.get(key)
    if answer is None:
        answer = compute(*args, **kwargs)
        cache.set(key, answer, settings.SEARCH_CACHE_SECONDS)
    return answer


def _cached(method: str, *args, **kwargs):
    return cached(method, _answer, method, *args, **kwargs)


def search(query: SearchQuery) -> SearchResults:
    return _cached("search", query)


def suggest(prefix: str, *, limit: int = 8) -> list[dict]:
    return _cached("suggest", prefix, limit=limit)


def search_pages(text: str, *, language: str, limit: int = 5) -> list[dict]:
    return _answer("search_pages", text, language=language, limit=limit)
