"""Elasticsearch, for larger catalogs: the same answers as the database backend, plus typo
tolerance (fuzzy matching) and a real relevance score.

Request bodies are built by pure functions (build_search, build_suggest,
alias_swap_actions) so they can be checked without a server; only the methods of
ElasticsearchBackend talk to the cluster. Any failure to reach it becomes
SearchUnavailable, on which search.backends falls back to the database.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import A, Q, Search

from catalog import selectors
from search.backends.base import (
    FacetValue,
    SearchBackend,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
    price_bands,
)
from search.backends.database import unlisted_indexed_ids
from search.documents import (
    PageDocument,
    ProductDocument,
    es_source,
    new_products_index_name,
    pages_alias,
    pages_index,
    products_alias,
    products_index,
)
from search.text import fold, words

# A shopper waits for the page: better a quick fallback to the database than a slow answer.
SEARCH_TIMEOUT = 3
# Bulk writes and index creation legitimately take longer than a query.
WRITE_TIMEOUT = 60
BATCH_SIZE = 500
# "Did you mean" is only offered when the query found at most this many products.
FEW_HITS = 2
SUGGESTER = "did_you_mean"
# On the folded catch-all field: the vocabulary DatabaseBackend._corrected uses. "missing"
# leaves words that exist in the index alone.
TERM_SUGGESTER = {"field": "text_folded", "suggest_mode": "missing", "size": 1}

SEARCH_FIELDS = [
    "title^3",
    "title.autocomplete",  # word prefixes: "mat o" finds "Mật ong", as the database does
    "description",
    "title_en^3",  # the English one (issue 12): "fish sauce" finds "Nước mắm"
    "description_en",
    "producer",
    "group_name",
    "province_name",
    # All words in one field: with operator "and", best_fields needs every word in the
    # same field, so a query mixing product and place ("mat ong ha giang") needs this.
    "text_folded",
]

# "-field" is descending (elasticsearch.dsl); the id breaks ties so pages never overlap.
SORT_CLAUSES = {
    "price-asc": ["price", "id"],
    "price-desc": ["-price", "id"],
    "stars": ["-stars", "-listed_at", "id"],
    "newest": ["-listed_at", "id"],
    "relevance": ["_score", "-stars", "-listed_at", "id"],
}

_clients: dict[str, Elasticsearch] = {}


def get_client() -> Elasticsearch:
    """One client per URL, made on first use (settings may change after import)."""
    url = settings.ELASTICSEARCH_URL
    if not url:
        raise SearchUnavailable("ELASTICSEARCH_URL is not set")
    client = _clients.get(url)
    if client is None:
        # No retries: an unreachable cluster must fail fast, not be hammered.
        client = _clients[url] = Elasticsearch(
            url, request_timeout=SEARCH_TIMEOUT, max_retries=0, retry_on_timeout=False
        )
    return client


@contextmanager
def _unavailable_on_error():
    try:
        yield
    except (TransportError, ApiError) as exc:  # unreachable, timed out, index missing...
        raise SearchUnavailable(f"Elasticsearch: {exc}") from exc


# Pure request bodies ---------------------------------------------------------------


def _terms_either(values, fields) -> Q:
    return Q(
        "bool", should=[Q("terms", **{f: list(values)}) for f in fields], minimum_should_match=1
    )


def _bounds(low, high, start: str, end: str) -> dict:
    # A band includes its lowest price and excludes its highest, as in the database backend.
    return {
        **({start: low} if low is not None else {}),
        **({end: high} if high is not None else {}),
    }


def _listing_filters(*, today, unlisted_ids) -> list[Q]:
    """The listing rule at query time: the index may lag behind the catalog, so a certificate
    past its last day, or a product the rule no longer allows, is excluded here."""
    filters = [Q("range", valid_until={"gte": today.isoformat()})]
    if unlisted_ids:
        filters.append(~Q("ids", values=[str(pk) for pk in unlisted_ids]))
    return filters


def _filters(query: SearchQuery) -> list[Q]:
    filters = []
    if query.category:
        filters.append(_terms_either([query.category], ["group", "category"]))
    for facet, values in query.filters.items():
        if not values:
            continue
        if facet == "stars":
            filters.append(Q("terms", stars=[int(v) for v in values if v.isdigit()]))
        elif facet == "group":
            filters.append(_terms_either(values, ["group", "category"]))
        elif facet == "province":
            filters.append(Q("terms", province=list(values)))
        elif facet == "price":
            bands = [
                Q("range", price=_bounds(low, high, "gte", "lt"))
                for key, low, high in price_bands()
                if key in values
            ]
            filters.append(Q("bool", should=bands, minimum_should_match=1))
    return filters


def _has_words(text: str) -> bool:
    return bool(words(fold(text)))


def _text_query(text: str) -> tuple[list[Q], list[Q]]:
    if not _has_words(text):
        return [Q("match_all")], []
    must = [Q("multi_match", query=text, fields=SEARCH_FIELDS, operator="and", fuzziness="AUTO")]
    should = [
        # As typed, accents and all, ranks first; then the phrase in any spelling.
        Q("match_phrase", title={"query": text, "analyzer": "vi_exact", "boost": 10}),
        Q("match_phrase", title={"query": text, "boost": 3}),
    ]
    return must, should


def _sort_key(query: SearchQuery) -> str:
    sort = query.sort if query.sort in SORT_CLAUSES else "relevance"
    return "newest" if sort == "relevance" and not _has_words(query.text) else sort


def build_search(query: SearchQuery, *, today, unlisted_ids=(), suggest: bool = True) -> Search:
    """The whole search request: no network, so `.to_dict()` can be checked offline."""
    must, should = _text_query(query.text)
    filters = _filters(query) + _listing_filters(today=today, unlisted_ids=unlisted_ids)
    search = Search(index=products_alias()).query(
        Q("bool", must=must, should=should, filter=filters)
    )
    search = search.sort(*SORT_CLAUSES[_sort_key(query)])
    search = search.extra(track_total_hits=True).source(False)
    search = search[query.offset : query.offset + query.limit]
    # Facets over the filtered results (drill-down), like the database backend.
    search.aggs.bucket("stars", "terms", field="stars", size=10, order={"_key": "desc"})
    for facet in ("group", "province"):
        search.aggs.bucket(facet, "terms", field=facet, size=100).bucket(
            "name", A("terms", field=f"{facet}_name.raw", size=1)
        )
    ranges = [{"key": key, **_bounds(low, high, "from", "to")} for key, low, high in price_bands()]
    search.aggs.bucket("price", "range", field="price", keyed=True, ranges=ranges)
    if suggest and _has_words(query.text):
        search = search.suggest(SUGGESTER, fold(query.text), term=TERM_SUGGESTER)
    return search


def build_suggest(prefix: str, limit: int, *, today, unlisted_ids=()) -> Search:
    search = Search(index=products_alias()).query(
        Q(
            "bool",
            must=[Q("match", **{"title.autocomplete": {"query": prefix, "operator": "and"}})],
            filter=_listing_filters(today=today, unlisted_ids=unlisted_ids),
        )
    )
    search = search.sort("_score", {"stars": {"order": "desc"}}, {"title.raw": {"order": "asc"}})
    return search.source(["title", "url"])[:limit]


def alias_swap_actions(alias: str, new_index: str, old_indexes: Iterable[str]) -> list[dict]:
    """One atomic update_aliases body: readers see the old index, then the new one."""
    actions = [
        {"remove": {"index": old, "alias": alias}} for old in old_indexes if old != new_index
    ]
    actions.append({"add": {"index": new_index, "alias": alias}})
    return actions


def corrected_text(response: dict) -> str | None:
    entries = response.get("suggest", {}).get(SUGGESTER, [])
    corrected = [fold(e["options"][0]["text"]) if e["options"] else e["text"] for e in entries]
    return " ".join(corrected) or None


def results_from_response(response: dict, query: SearchQuery) -> SearchResults:
    """SearchResults from a raw _search response body (suggestion left to the caller)."""
    aggs, hits = response.get("aggregations", {}), response.get("hits", {})

    def value(facet, key, label, count):
        return FacetValue(str(key), label, count, str(key) in query.filters.get(facet, ()))

    def named(facet):  # label from the "name" sub-aggregation, sorted as the database does
        values = (
            value(facet, b["key"], (b["name"]["buckets"] or [b])[0]["key"], b["doc_count"])
            for b in aggs.get(facet, {}).get("buckets", [])
        )
        return sorted(values, key=lambda v: v.label)

    prices = aggs.get("price", {}).get("buckets", {})
    facets = {
        "stars": [
            value("stars", b["key"], "★" * int(b["key"]), b["doc_count"])
            for b in aggs.get("stars", {}).get("buckets", [])
        ],
        "group": named("group"),
        "province": named("province"),
        "price": [
            value("price", key, key, prices[key]["doc_count"])
            for key, _low, _high in price_bands()
            if prices.get(key, {}).get("doc_count")
        ],
    }
    return SearchResults(
        product_ids=[int(hit["_id"]) for hit in hits.get("hits", [])],
        total=hits.get("total", {}).get("value", 0),
        facets=facets,
    )


def _index_actions(documents: Iterable[dict], index: str) -> Iterator[dict]:
    # "_op_type" defaults to "index": add or replace.
    return ({"_index": index, "_id": d.id, "_source": es_source(d)} for d in documents)


# The backend -----------------------------------------------------------------------


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def search(self, query: SearchQuery) -> SearchResults:
        listing = {"today": selectors.today(), "unlisted_ids": unlisted_indexed_ids()}
        response = self._execute(build_search(query, **listing))
        results = results_from_response(response, query)
        suggestion = corrected_text(response)
        if not suggestion or suggestion == " ".join(words(fold(query.text))):
            return results
        if results.total == 0:
            # As the database backend does: nothing found, so show what the correction finds.
            results = results_from_response(
                self._execute(
                    build_search(replace(query, text=suggestion), suggest=False, **listing)
                ),
                query,
            )
        if results.total <= FEW_HITS:
            results.suggestion = suggestion
        return results

    def suggest(self, prefix: str, *, limit: int = 8) -> list[dict]:
        if not fold(prefix).strip():
            return []
        response = self._execute(
            build_suggest(
                prefix, limit, today=selectors.today(), unlisted_ids=unlisted_indexed_ids()
            )
        )
        return [
            {"title": hit["_source"]["title"], "url": hit["_source"]["url"]}
            for hit in response["hits"]["hits"]
        ]

    def index_products(self, documents: list[ProductDocument]) -> None:
        with _unavailable_on_error():
            # require_alias: never let a write auto-create a concrete index named like the
            # alias (with guessed mappings) before the first rebuild.
            helpers.bulk(
                self._writer(), _index_actions(documents, products_alias()), require_alias=True
            )

    def remove_products(self, product_ids: list[int]) -> None:
        actions = (
            {"_op_type": "delete", "_index": products_alias(), "_id": pk} for pk in product_ids
        )
        with _unavailable_on_error():
            helpers.bulk(self._writer(), actions, ignore_status=(404,))  # already gone: fine

    def rebuild(self, documents, *, progress=None) -> int:
        """Fills a fresh index, then swaps the alias to it atomically: searches keep
        answering from the old index until the new one is complete."""
        client, alias, name = self._writer(), products_alias(), new_products_index_name()
        count = 0
        with _unavailable_on_error():
            products_index(name).create(using=client)
            try:
                # streaming_bulk raises on the first failed chunk (raise_on_error).
                actions = _index_actions(documents, name)
                for _ok, _item in helpers.streaming_bulk(client, actions, chunk_size=BATCH_SIZE):
                    count += 1
                    if progress and count % BATCH_SIZE == 0:
                        progress(count)
                client.indices.refresh(index=name)
                old_indexes = self._aliased_indexes(client, alias)
                client.indices.update_aliases(actions=alias_swap_actions(alias, name, old_indexes))
            except BaseException:
                self._delete_quietly(client, name)  # a half-filled index must not linger
                raise
            for old in old_indexes:
                if old != name:
                    self._delete_quietly(client, old)
        if progress:
            progress(count)
        return count

    def search_pages(self, text: str, *, language: str, limit: int = 5) -> list[dict]:
        if not _has_words(text):
            return []
        search = (
            Search(index=pages_alias())
            .query(
                "multi_match",
                query=text,
                fields=["title^3", "search_description^2", "text"],
                operator="and",
                fuzziness="AUTO",
            )
            .filter("term", language=language)
            .source(["title", "url"])[:limit]
        )
        response = self._execute(search)
        return [
            {"title": hit["_source"]["title"], "url": hit["_source"]["url"]}
            for hit in response["hits"]["hits"]
        ]

    def index_pages(self, documents: list[PageDocument]) -> None:
        client, alias = self._writer(), pages_alias()
        with _unavailable_on_error():
            if not client.indices.exists_alias(name=alias):
                pages_index().aliases(**{alias: {}}).create(using=client)
            actions = ({"_index": alias, "_id": d.id, "_source": es_source(d)} for d in documents)
            helpers.bulk(client, actions, require_alias=True)

    def rebuild_pages(self, documents: list[PageDocument]) -> int:
        """Pages are few: drop their index and fill a new one."""
        client = self._writer()
        with _unavailable_on_error():
            for old in self._aliased_indexes(client, pages_alias()):
                self._delete_quietly(client, old)
        self.index_pages(documents)
        return len(documents)

    def remove_pages(self, page_ids: list[int]) -> None:
        actions = ({"_op_type": "delete", "_index": pages_alias(), "_id": pk} for pk in page_ids)
        with _unavailable_on_error():
            helpers.bulk(self._writer(), actions, ignore_status=(404,))

    # Helpers ---------------------------------------------------------------------

    def _execute(self, search: Search) -> dict:
        with _unavailable_on_error():
            return search.using(get_client()).execute().to_dict()

    def _writer(self) -> Elasticsearch:
        return get_client().options(request_timeout=WRITE_TIMEOUT)

    @staticmethod
    def _aliased_indexes(client, alias: str) -> list[str]:
        try:
            return sorted(client.indices.get_alias(name=alias))
        except NotFoundError:
            return []  # the first rebuild: no alias yet

    @staticmethod
    def _delete_quietly(client, index: str) -> None:
        try:
            client.indices.delete(index=index, ignore_unavailable=True)
        except (TransportError, ApiError):
            pass  # cleanup is best effort; the next rebuild can remove it
