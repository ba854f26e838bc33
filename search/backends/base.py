"""The contract every search backend keeps: the same query gives the same kind of answer,
whether the database or Elasticsearch answers it."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from search.documents import PageDocument, ProductDocument

SORTS = {
    "relevance": _("Most relevant"),
    "price-asc": _("Price: low to high"),
    "price-desc": _("Price: high to low"),
    "stars": _("Most stars"),
    "newest": _("Newest"),
}
FACETS = ("stars", "group", "province", "price")


class SearchUnavailable(Exception):
    """The backend cannot answer now (server down, timeout): callers fall back."""


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    # Facet filters from the URL: {"stars": ["4"], "group": ["thuc-pham"], ...}
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    offset: int = 0
    limit: int = 24
    # Browse pages: products of one category (its slug, sub-groups included).
    category: str | None = None


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    product_ids: list[int]
    total: int
    facets: dict[str, list[FacetValue]]
    # "Did you mean": a corrected query when the typed one looked misspelt.
    suggestion: str | None = None


def price_bands() -> list[tuple[str, int | None, int | None]]:
    """(key, lowest, highest) VND bands from settings.SEARCH_PRICE_BANDS."""
    edges = settings.SEARCH_PRICE_BANDS
    bands, low = [], None
    for edge in edges:
        bands.append((f"{low or 0}-{edge}", low, edge))
        low = edge
    bands.append((f"{low}-", low, None))
    return bands


class SearchBackend(ABC):
    name: str

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults: ...

    @abstractmethod
    def suggest(self, prefix: str, *, limit: int = 8) -> list[dict]:
        """Autocomplete: [{"title", "url"}] for listable products starting with prefix."""

    @abstractmethod
    def index_products(self, documents: list[ProductDocument]) -> None:
        """Adds or replaces product documents."""

    @abstractmethod
    def remove_products(self, product_ids: list[int]) -> None: ...

    @abstractmethod
    def rebuild(self, documents, *, progress=None) -> int:
        """Replaces the whole product index with `documents` (an iterable); returns the count."""

    # CMS pages: a smaller index, searched by text only.

    @abstractmethod
    def search_pages(self, text: str, *, language: str, limit: int = 5) -> list[dict]:
        """[{"title", "url"}] of live pages in that language matching every word."""

    @abstractmethod
    def index_pages(self, documents: list[PageDocument]) -> None: ...

    @abstractmethod
    def remove_pages(self, page_ids: list[int]) -> None: ...

    @abstractmethod
    def rebuild_pages(self, documents: list[PageDocument]) -> int: ...
