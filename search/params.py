"""The query string of the browse, category and search pages, read in one place.

Whatever a shopper, a crawler or a fuzzer puts in the URL gives a page, never an error:
text is cleaned, values that are not a known sort, star level, slug or price band are
dropped, and only a page number that is not a page answers 404.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from catalog.validators import typed_text
from search.backends.base import FACETS, SORTS, SearchQuery, price_bands

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FILTER = 10
_PAGE = re.compile(r"[0-9]{1,6}")  # ASCII digits: "²".isdigit() is true, int("²") fails
_FILTER_VALUE = {
    "stars": re.compile(r"[1-5]"),
    "group": re.compile(r"[a-z0-9-]{1,128}"),  # category slugs (OSCAR_SLUG_ALLOW_UNICODE off)
    "province": re.compile(r"[a-z0-9_]{1,100}"),  # Province.codename
}


@dataclass(frozen=True)
class BrowseParams:
    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int | None = 1  # None: the URL names something that is not a page number

    @classmethod
    def from_query(cls, query) -> "BrowseParams":
        """Parses a QueryDict (request.GET)."""
        page = query.get("page", "1").strip()
        return cls(
            text=typed_text(query.get("q", ""), max_length=MAX_QUERY_LENGTH),
            filters={name: _valid_values(name, query.getlist(name)) for name in FACETS},
            sort=query.get("sort") if query.get("sort") in SORTS else "relevance",
            page=int(page) if _PAGE.fullmatch(page) and int(page) >= 1 else None,
        )

    def search_query(self, *, per_page: int, category: str | None = None) -> SearchQuery:
        return SearchQuery(
            text=self.text,
            filters=self.filters,
            sort=self.sort,
            offset=(self.page - 1) * per_page,
            limit=per_page,
            category=category,
        )

    @property
    def has_filters(self) -> bool:
        return any(self.filters.values())

    def url(self, **changes) -> str:
        """The query string of these parameters with some changed (None or [] removes
        one), on page 1: the links of facets, sorts and "did you mean"."""
        params = {"q": self.text, **self.filters, "sort": self.sort}
        params.update(changes)
        if params["sort"] == "relevance":
            params["sort"] = None
        kept = {key: value for key, value in params.items() if value not in (None, "", [], ())}
        return "?" + urlencode(kept, doseq=True)


def _valid_values(name: str, values: list[str]) -> tuple[str, ...]:
    if name == "price":
        known = {key for key, _low, _high in price_bands()}
        valid = [value for value in values if value in known]
    else:
        valid = [value for value in values if _FILTER_VALUE[name].fullmatch(value)]
    return tuple(dict.fromkeys(valid))[:MAX_VALUES_PER_FILTER]
