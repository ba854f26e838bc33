"""The search backend in use, chosen by the SEARCH_BACKEND setting, and the fallback to
the database when Elasticsearch cannot answer."""

import logging
from hashlib import sha256

from django.conf import settings
from django.core.cache import cache
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


def catalog_version() -> str:
    """Changes whenever anything a search answer depends on changes (search.models
    .CatalogVersion, bumped by database triggers): one indexed read per request."""
    row = CatalogVersion.objects.filter(pk=1).values_list("epoch", "version").first()
    return "{}.{}".format(*row) if row else "0.0"


def _cached(method: str, *args, **kwargs):
    """The answer from the cache when nothing it depends on has changed since it was
    computed: the catalog (catalog_version) and the day (certificates lapse at midnight)."""
    identity = repr((method, args, sorted(kwargs.items()), settings.SEARCH_BACKEND))
    digest = sha256(identity.encode()).hexdigest()
    key = f"search:{catalog_version()}:{selectors.today().isoformat()}:{digest}"
    answer = cache.get(key)
    if answer is None:
        answer = _answer(method, *args, **kwargs)
        cache.set(key, answer, settings.SEARCH_CACHE_SECONDS)
    return answer


def search(query: SearchQuery) -> SearchResults:
    return _cached("search", query)


def suggest(prefix: str, *, limit: int = 8) -> list[dict]:
    return _cached("suggest", prefix, limit=limit)


def search_pages(text: str, *, language: str, limit: int = 5) -> list[dict]:
    return _answer("search_pages", text, language=language, limit=limit)
