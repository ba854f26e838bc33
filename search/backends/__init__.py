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


def search(query: SearchQuery) -> SearchResults:
    return _answer("search", query)


def suggest(prefix: str, *, limit: int = 8) -> list[dict]:
    return _answer("suggest", prefix, limit=limit)


def search_pages(text: str, *, language: str, limit: int = 5) -> list[dict]:
    return _answer("search_pages", text, language=language, limit=limit)
