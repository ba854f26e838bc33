"""The search backend in use, chosen by the SEARCH_BACKEND setting, and the fallback to
the database when Elasticsearch cannot answer."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from search.backends.base import SearchQuery, SearchResults, SearchUnavailable

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


def search(query: SearchQuery) -> SearchResults:
    """Answers from the configured backend, or from the database if it is unreachable:
    the shop's search page never errors because Elasticsearch is down."""
    backend = get_backend()
    try:
        return backend.search(query)
    except SearchUnavailable:
        if backend.name == "database":
            raise
        logger.warning(
            "Search backend %s unavailable; answering from the database",
            backend.name,
            exc_info=True,
        )
        return get_backend("database").search(query)


def suggest(prefix: str, *, limit: int = 8) -> list[dict]:
    backend = get_backend()
    try:
        return backend.suggest(prefix, limit=limit)
    except SearchUnavailable:
        if backend.name == "database":
            raise
        logger.warning("Search backend %s unavailable for suggestions", backend.name)
        return get_backend("database").suggest(prefix, limit=limit)
