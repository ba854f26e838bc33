"""The Elasticsearch backend, checked through the bodies it would send: no server runs in
tests, so analyzers, mappings, queries and the alias swap are asserted as `to_dict()`."""

import logging
import time
from datetime import UTC, date, datetime

import pytest

import search.backends
import search.backends.elasticsearch as es_backend
from search.backends.base import SearchQuery, SearchUnavailable, price_bands
from search.backends.elasticsearch import (
    ElasticsearchBackend,
    alias_swap_actions,
    build_search,
    build_suggest,
    corrected_text,
    results_from_response,
)
from search.documents import (
    SCHEMA_VERSION,
    ProductDocument,
    es_source,
    new_products_index_name,
    pages_alias,
    pages_index,
    products_alias,
    products_index,
)

UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens there


@pytest.fixture(autouse=True)
def _test_prefix(settings):
    settings.SEARCH_INDEX_PREFIX = "test"
    settings.SEARCH_PRICE_BANDS = (100_000, 300_000, 500_000)


@pytest.fixture
def index_body():
    return products_index(new_products_index_name()).to_dict()


TODAY = date(2026, 11, 24)


def sample_document(**overrides):
    values = {
        "id": 42,
        "title": "Nước mắm Phú Quốc",
        "description": "Cá cơm ủ chượp 12 tháng.",
        "text_folded": "nuoc mam phu quoc ca com u chuop 12 thang kien giang",
        "producer": "HTX Đặc sản Phú Quốc",
        "province": "kien_giang",
        "province_name": "Kiên Giang",
        "group": "thuc-pham",
        "group_name": "Thực phẩm",
        "category": "nuoc-mam",
        "stars": 4,
        "price": 150_000,
        "listed_at": datetime(2025, 3, 1, 8, 30, tzinfo=UTC),
        "valid_until": date(2027, 2, 28),
        "url": "/vi/san-pham/nuoc-mam-phu-quoc_42/",
    }
    return ProductDocument(**{**values, **overrides})


# Analysis and mappings ---------------------------------------------------------------


def test_vi_folding_folds_accents_and_keeps_the_original(index_body):
    analysis = index_body["settings"]["analysis"]
    folding = analysis["analyzer"]["vi_folding"]
    assert folding["type"] == "custom"
    assert folding["tokenizer"] == "standard"
    assert folding["filter"][0] == "lowercase"
    ascii_filter = analysis["filter"][folding["filter"][1]]
    assert ascii_filter == {"type": "asciifolding", "preserve_original": True}
    char_filters = [analysis["char_filter"][name] for name in folding["char_filter"]]
    assert {"type": "mapping", "mappings": ["đ => d", "Đ => D"]} in char_filters


def test_vi_autocomplete_adds_edge_ngrams_2_to_20(index_body):
    analysis = index_body["settings"]["analysis"]
    autocomplete = analysis["analyzer"]["vi_autocomplete"]
    folding = analysis["analyzer"]["vi_folding"]
    assert autocomplete["tokenizer"] == "standard"
    assert autocomplete["char_filter"] == folding["char_filter"]
    assert autocomplete["filter"][:2] == folding["filter"]
    edge = analysis["filter"][autocomplete["filter"][2]]
    assert edge == {"type": "edge_ngram", "min_gram": 2, "max_gram": 20}


def test_index_settings_are_single_shard(index_body):
    assert index_body["settings"]["number_of_shards"] == 1
    assert index_body["settings"]["number_of_replicas"] == 0


def test_product_mapping(index_body):
    properties = index_body["mappings"]["properties"]
    title = properties["title"]
    assert (title["type"], title["analyzer"]) == ("text", "vi_folding")
    assert title["fields"]["raw"] == {"type": "keyword"}
    assert title["fields"]["autocomplete"] == {
        "type": "text",
        "analyzer": "vi_autocomplete",
        "search_analyzer": "vi_folding",
    }
    for name in ("description", "producer", "province_name", "group_name"):
        assert properties[name]["analyzer"] == "vi_folding", name
    for name in ("title_en", "description_en"):  # the English, folded the same way
        assert (properties[name]["type"], properties[name]["analyzer"]) == ("text", "vi_folding")
    for name in ("province_name", "group_name"):
        assert properties[name]["fields"]["raw"] == {"type": "keyword"}
    for name in ("province", "group", "category"):
        assert properties[name] == {"type": "keyword"}
    assert properties["stars"] == {"type": "integer"}
    assert properties["price"] == {"type": "long"}
    assert properties["listed_at"] == {"type": "date"}
    assert properties["url"] == {"type": "keyword", "index": False}


def test_pages_index_has_its_own_alias_and_mapping():
    assert pages_alias() == "test-pages"
    body = pages_index().to_dict()
    properties = body["mappings"]["properties"]
    for name in ("title", "search_description", "text", "text_folded"):
        assert properties[name]["analyzer"] == "vi_folding"
    assert properties["language"] == {"type": "keyword"}
    assert "vi_folding" in body["settings"]["analysis"]["analyzer"]


def test_names_carry_prefix_and_schema_version(settings):
    assert products_alias() == "test-products"
    name = new_products_index_name(datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert name == f"test-products-v{SCHEMA_VERSION}-20250102-030405"
    assert products_index(name)._name == name
    settings.SEARCH_INDEX_PREFIX = "other"  # read when called, not at import
    assert products_alias() == "other-products"


def test_es_source_sends_every_document_field_and_only_mapped_ones(index_body):
    source = es_source(sample_document())
    assert source["id"] == 42
    assert source["title"] == "Nước mắm Phú Quốc"
    assert source["listed_at"] == "2025-03-01T08:30:00+00:00"
    assert source["valid_until"] == "2027-02-28"
    assert source["price"] == 150_000
    assert source["url"] == "/vi/san-pham/nuoc-mam-phu-quoc_42/"
    # The mapping is derived from the document: every field is mapped, nothing is left to
    # dynamic mapping's guesses, and nothing is mapped that is never sent.
    assert set(source) == set(index_body["mappings"]["properties"])
    assert index_body["mappings"]["properties"]["valid_until"] == {"type": "date"}


# Queries -----------------------------------------------------------------------------


def test_search_body_with_text_filters_sort_and_page():
    query = SearchQuery(
        text="nuoc mam",
        filters={"stars": ("4",), "price": ("100000-300000",)},
        sort="price-asc",
        offset=24,
        limit=24,
    )
    body = build_search(query, today=TODAY).to_dict()

    boolean = body["query"]["bool"]
    multi_match = boolean["must"][0]["multi_match"]
    assert multi_match["query"] == "nuoc mam"
    assert multi_match["fuzziness"] == "AUTO"
    assert multi_match["operator"] == "and"
    assert "title^3" in multi_match["fields"]
    assert {"title.autocomplete", "description", "producer"} <= set(multi_match["fields"])
    phrases = [clause["match_phrase"]["title"] for clause in boolean["should"]]
    exact = next(p for p in phrases if p.get("analyzer") == "vi_exact")
    assert exact["query"] == "nuoc mam"
    assert exact["boost"] > max(p.get("boost", 1) for p in phrases if p is not exact)

    assert {"terms": {"stars": [4]}} in boolean["filter"]
    price_filter = next(f for f in boolean["filter"] if "range" in str(f))
    assert price_filter["bool"]["should"] == [{"range": {"price": {"gte": 100_000, "lt": 300_000}}}]

    assert (body["from"], body["size"]) == (24, 24)
    assert body["sort"][0] == "price"
    assert body["track_total_hits"] is True

    aggs = body["aggs"]
    assert set(aggs) == {"stars", "group", "province", "price"}
    assert aggs["group"]["aggs"]["name"]["terms"]["field"] == "group_name.raw"
    assert aggs["province"]["aggs"]["name"]["terms"]["field"] == "province_name.raw"
    assert aggs["price"]["range"]["keyed"] is True
    assert [r["key"] for r in aggs["price"]["range"]["ranges"]] == [k for k, *_ in price_bands()]
    assert aggs["price"]["range"]["ranges"][0] == {"key": "0-100000", "to": 100_000}
    assert aggs["price"]["range"]["ranges"][-1] == {"key": "500000-", "from": 500_000}

    suggester = body["suggest"]["did_you_mean"]
    assert suggester["text"] == "nuoc mam"
    assert suggester["term"]["field"] == "text_folded"


def test_analyzers_named_in_queries_are_defined_in_the_index(index_body):
    # An undefined analyzer is a 400 on every search: a silent, permanent fallback.
    body = build_search(SearchQuery(text="mật ong"), today=TODAY).to_dict()
    named = {c["match_phrase"]["title"].get("analyzer") for c in body["query"]["bool"]["should"]}
    assert named - {None} <= set(index_body["settings"]["analysis"]["analyzer"])
    assert named - {None}


def test_empty_text_matches_all_newest_first_without_suggester():
    body = build_search(SearchQuery(), today=TODAY).to_dict()
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert "should" not in body["query"]["bool"]
    assert body["sort"][0] == {"listed_at": {"order": "desc"}}
    assert "suggest" not in body
    assert (body["from"], body["size"]) == (0, 24)


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("price-desc", {"price": {"order": "desc"}}),
        ("stars", {"stars": {"order": "desc"}}),
        ("newest", {"listed_at": {"order": "desc"}}),
        ("relevance", "_score"),
        ("bogus", "_score"),
    ],
)
def test_sorts(sort, first):
    body = build_search(SearchQuery(text="mật ong", sort=sort), today=TODAY).to_dict()
    assert body["sort"][0] == first


def test_group_filter_and_category_page_match_group_or_category():
    body = build_search(
        SearchQuery(
            filters={"group": ("thuc-pham",), "province": ("ha_giang",)}, category="mat-ong"
        ),
        today=TODAY,
    ).to_dict()
    filters = body["query"]["bool"]["filter"]
    either = {"terms": {"group": ["mat-ong"]}}, {"terms": {"category": ["mat-ong"]}}
    assert {"bool": {"should": list(either), "minimum_should_match": 1}} in filters
    group = {"terms": {"group": ["thuc-pham"]}}, {"terms": {"category": ["thuc-pham"]}}
    assert {"bool": {"should": list(group), "minimum_should_match": 1}} in filters
    assert {"terms": {"province": ["ha_giang"]}} in filters


def test_suggest_body_uses_autocomplete_field():
    body = build_suggest("mật o", 5, today=TODAY).to_dict()
    match = {"match": {"title.autocomplete": {"query": "mật o", "operator": "and"}}}
    assert body["query"]["bool"]["must"] == [match]
    assert body["size"] == 5
    assert body["_source"] == ["title", "url"]


def test_alias_swap_actions():
    actions = alias_swap_actions("test-products", "test-products-v1-b", ["test-products-v1-a"])
    assert actions == [
        {"remove": {"index": "test-products-v1-a", "alias": "test-products"}},
        {"add": {"index": "test-products-v1-b", "alias": "test-products"}},
    ]
    # First rebuild: nothing to remove.
    assert alias_swap_actions("test-products", "test-products-v1-a", []) == [
        {"add": {"index": "test-products-v1-a", "alias": "test-products"}}
    ]


# Responses ---------------------------------------------------------------------------


def test_results_from_response_maps_ids_total_and_facets():
    response = {
        "hits": {"total": {"value": 3, "relation": "eq"}, "hits": [{"_id": "7"}, {"_id": "3"}]},
        "aggregations": {
            "stars": {"buckets": [{"key": 5, "doc_count": 1}, {"key": 4, "doc_count": 2}]},
            "group": {
                "buckets": [
                    {
                        "key": "thuc-pham",
                        "doc_count": 3,
                        "name": {"buckets": [{"key": "Thực phẩm"}]},
                    }
                ]
            },
            "province": {
                "buckets": [
                    {
                        "key": "kien_giang",
                        "doc_count": 2,
                        "name": {"buckets": [{"key": "Kiên Giang"}]},
                    },
                    {"key": "ha_giang", "doc_count": 1, "name": {"buckets": [{"key": "Hà Giang"}]}},
                ]
            },
            "price": {
                "buckets": {
                    "0-100000": {"doc_count": 0},
                    "100000-300000": {"doc_count": 3},
                    "300000-500000": {"doc_count": 0},
                    "500000-": {"doc_count": 0},
                }
            },
        },
    }
    query = SearchQuery(text="mam", filters={"stars": ("4",), "province": ("ha_giang",)})
    results = results_from_response(response, query)
    assert results.product_ids == [7, 3]
    assert results.total == 3
    stars = results.facets["stars"]
    assert [(v.value, v.label, v.count, v.selected) for v in stars] == [
        ("5", "★★★★★", 1, False),
        ("4", "★★★★", 2, True),
    ]
    assert [(v.value, v.label) for v in results.facets["group"]] == [("thuc-pham", "Thực phẩm")]
    provinces = results.facets["province"]
    assert [(v.label, v.selected) for v in provinces] == [("Hà Giang", True), ("Kiên Giang", False)]
    assert [(v.value, v.count) for v in results.facets["price"]] == [("100000-300000", 3)]


def test_corrected_text_from_term_suggester():
    response = {
        "suggest": {
            "did_you_mean": [
                {"text": "nuoc", "offset": 0, "length": 4, "options": []},
                {"text": "mma", "offset": 5, "length": 3, "options": [{"text": "mắm"}]},
            ]
        }
    }
    assert corrected_text(response) == "nuoc mam"
    assert corrected_text({}) is None


# Flows, with the network replaced --------------------------------------------------


def _response(total, ids=(), suggestion_options=()):
    return {
        "hits": {"total": {"value": total}, "hits": [{"_id": str(pk)} for pk in ids]},
        "suggest": {
            "did_you_mean": [
                {"text": "nuoc", "options": []},
                {"text": "mma", "options": [{"text": o} for o in suggestion_options]},
            ]
        },
    }


@pytest.mark.django_db  # the unlisted ids come from the database
def test_search_with_no_hits_shows_what_the_correction_finds(monkeypatch):
    sent = []
    answers = iter([_response(0, suggestion_options=["mắm"]), _response(2, ids=[5, 9])])

    def execute(self, search):
        sent.append(search.to_dict())
        return next(answers)

    monkeypatch.setattr(es_backend.ElasticsearchBackend, "_execute", execute)
    results = ElasticsearchBackend().search(SearchQuery(text="nuoc mma"))
    assert results.suggestion == "nuoc mam"
    assert results.product_ids == [5, 9]
    assert sent[1]["query"]["bool"]["must"][0]["multi_match"]["query"] == "nuoc mam"
    assert "suggest" not in sent[1]


@pytest.mark.django_db  # the unlisted ids come from the database
def test_search_with_many_hits_offers_no_suggestion(monkeypatch):
    monkeypatch.setattr(
        es_backend.ElasticsearchBackend,
        "_execute",
        lambda self, search: _response(40, ids=[1, 2], suggestion_options=["mắm"]),
    )
    results = ElasticsearchBackend().search(SearchQuery(text="nuoc mma"))
    assert (results.total, results.suggestion) == (40, None)


class FakeIndices:
    def __init__(self, calls, aliased):
        self.calls, self.aliased = calls, aliased

    def create(self, index, body):
        self.calls.append(("create", index, body))

    def refresh(self, index):
        self.calls.append(("refresh", index))

    def get_alias(self, name):
        return {index: {"aliases": {name: {}}} for index in self.aliased}

    def update_aliases(self, actions):
        self.calls.append(("update_aliases", actions))

    def delete(self, index, ignore_unavailable):
        self.calls.append(("delete", index))


class FakeClient:
    def __init__(self, aliased=()):
        self.calls = []
        self.indices = FakeIndices(self.calls, aliased)

    def options(self, **kwargs):
        return self


@pytest.fixture
def fake_client(monkeypatch):
    client = FakeClient(aliased=["test-products-v1-old"])
    monkeypatch.setattr(es_backend, "get_client", lambda: client)
    return client


def test_rebuild_fills_a_new_index_then_swaps_the_alias(monkeypatch, fake_client):
    def streaming_bulk(client, actions, chunk_size):
        for action in actions:
            fake_client.calls.append(("bulk", action["_index"], action["_id"]))
            yield True, {}

    monkeypatch.setattr(es_backend.helpers, "streaming_bulk", streaming_bulk)
    seen = []
    documents = (sample_document(id=pk) for pk in (1, 2, 3))
    assert ElasticsearchBackend().rebuild(documents, progress=seen.append) == 3

    kinds = [call[0] for call in fake_client.calls]
    assert kinds == ["create", "bulk", "bulk", "bulk", "refresh", "update_aliases", "delete"]
    new_index = fake_client.calls[0][1]
    assert new_index.startswith(f"test-products-v{SCHEMA_VERSION}-")
    assert "vi_folding" in fake_client.calls[0][2]["settings"]["analysis"]["analyzer"]
    assert [call[1:] for call in fake_client.calls[1:4]] == [(new_index, pk) for pk in (1, 2, 3)]
    assert fake_client.calls[5][1] == alias_swap_actions(
        "test-products", new_index, ["test-products-v1-old"]
    )
    assert fake_client.calls[6] == ("delete", "test-products-v1-old")
    assert seen == [3]


def test_failed_rebuild_drops_the_new_index_and_keeps_the_alias(monkeypatch, fake_client):
    def streaming_bulk(client, actions, chunk_size):
        raise es_backend.helpers.BulkIndexError("1 document(s) failed to index.", [])
        yield  # a generator, like the real helper

    monkeypatch.setattr(es_backend.helpers, "streaming_bulk", streaming_bulk)
    with pytest.raises(es_backend.helpers.BulkIndexError):
        ElasticsearchBackend().rebuild([sample_document()])
    new_index = fake_client.calls[0][1]
    assert fake_client.calls[1:] == [("delete", new_index)]


# An unreachable cluster ------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda backend: backend.search(SearchQuery(text="mật ong")),
        lambda backend: backend.suggest("mat"),
        lambda backend: backend.index_products([sample_document()]),
        lambda backend: backend.remove_products([42]),
        lambda backend: backend.rebuild([sample_document()]),
    ],
    ids=["search", "suggest", "index_products", "remove_products", "rebuild"],
)
@pytest.mark.django_db  # search and suggest ask the database which indexed ids are unlisted
def test_unreachable_cluster_raises_search_unavailable_quickly(settings, call):
    settings.ELASTICSEARCH_URL = UNREACHABLE
    started = time.monotonic()
    with pytest.raises(SearchUnavailable):
        call(ElasticsearchBackend())
    assert time.monotonic() - started < 5


@pytest.mark.django_db
@pytest.mark.django_db  # the unlisted ids come from the database
def test_missing_url_is_unavailable(settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(SearchUnavailable):
        ElasticsearchBackend().search(SearchQuery())


@pytest.mark.django_db
def test_search_falls_back_to_the_database_with_a_warning(settings, caplog):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = UNREACHABLE
    with caplog.at_level(logging.WARNING, logger="search.backends"):
        results = search.backends.search(SearchQuery(text="mật ong"))
    assert results.total == 0
    assert results.product_ids == []
    warnings = [r for r in caplog.records if r.name == "search.backends"]
    assert warnings and warnings[0].levelno == logging.WARNING
    assert "elasticsearch unavailable" in warnings[0].getMessage()


# The listing rule at query time ------------------------------------------------------


def test_search_and_suggest_exclude_lapsed_certificates_and_unlisted_ids():
    """The index can lag behind the catalog: Elasticsearch is asked to drop documents whose
    certificate ended before today and the ids the database says are no longer listable."""
    expected = [
        {"range": {"valid_until": {"gte": "2026-11-24"}}},
        {"bool": {"must_not": [{"ids": {"values": ["7", "9"]}}]}},
    ]
    query = SearchQuery(text="mật ong", filters={"stars": ("4",)})
    body = build_search(query, today=TODAY, unlisted_ids=[7, 9]).to_dict()
    assert all(clause in body["query"]["bool"]["filter"] for clause in expected)
    suggest = build_suggest("mật", 5, today=TODAY, unlisted_ids=[7, 9]).to_dict()
    assert suggest["query"]["bool"]["filter"] == expected
