"""What Elasticsearch stores: the Vietnamese analyzers, the product and CMS page mappings,
and the index names.

Shoppers type with or without diacritics ("mật ong", "mat ong"), so text is indexed both
as written and folded to ASCII; the search side then ranks accent-exact matches higher.

Index names come from settings when called, never at import: tests and deployments
change SEARCH_INDEX_PREFIX after this module is loaded. Each rebuild writes a new concrete
index ("<prefix>-products-v<SCHEMA_VERSION>-<timestamp>") behind a stable alias
("<prefix>-products"), so a rebuild swaps the alias instead of emptying the live index.
"""

from datetime import UTC, datetime

from django.conf import settings
from elasticsearch.dsl import (
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

# Bump when the mappings or analyzers change: `search_index --rebuild` then creates
# indexes under the new version and the alias moves to them.
SCHEMA_VERSION = 1

# Analysis ------------------------------------------------------------------------

# asciifolding already folds đ, but an explicit mapping keeps "đ" → "d" independent of
# Lucene's folding table and happens before tokenizing, like search.text.fold().
vi_d_mapping = char_filter("vi_d_mapping", "mapping", mappings=["đ => d", "Đ => D"])

# preserve_original keeps "mật" next to "mat": both spellings match, and the accented
# token, being rarer, scores higher for a shopper who typed the accents.
vi_ascii_folding = token_filter("vi_ascii_folding", "asciifolding", preserve_original=True)

vi_edge_ngram = token_filter("vi_edge_ngram", "edge_ngram", min_gram=2, max_gram=20)

vi_folding = analyzer(
    "vi_folding",
    tokenizer="standard",
    char_filter=[vi_d_mapping],
    filter=["lowercase", vi_ascii_folding],
)

# Index-time only (title.autocomplete): word prefixes, so "mat o" finds "Mật ong".
vi_autocomplete = analyzer(
    "vi_autocomplete",
    tokenizer="standard",
    char_filter=[vi_d_mapping],
    filter=["lowercase", vi_ascii_folding, vi_edge_ngram],
)

# Search-time only: the query as typed, accents kept, to boost titles written that way.
vi_exact = analyzer(
    "vi_exact", tokenizer="standard", char_filter=[vi_d_mapping], filter=["lowercase"]
)


def _folded_text(**kwargs):
    return Text(analyzer=vi_folding, **kwargs)


def _folded_text_with_raw():
    # "raw" holds the display name for facet labels (a terms agg needs a keyword).
    return _folded_text(fields={"raw": Keyword()})


# Products ------------------------------------------------------------------------


class ProductDocument(Document):
    id = Integer()
    title = _folded_text(
        fields={
            "raw": Keyword(),
            "autocomplete": Text(analyzer=vi_autocomplete, search_analyzer=vi_folding),
        }
    )
    description = _folded_text()
    producer = _folded_text()
    # Everything searchable in one field (title, producer, commune, categories...): "all
    # words must match" then holds across fields, as in the database backend.
    text_folded = _folded_text()
    province = Keyword()
    province_name = _folded_text_with_raw()
    group = Keyword()
    group_name = _folded_text_with_raw()
    category = Keyword()
    stars = Integer()
    price = Long()
    listed_at = Date()
    url = Keyword(index=False)


def products_alias() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-products"


def new_products_index_name(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return f"{products_alias()}-v{SCHEMA_VERSION}-{now:%Y%m%d-%H%M%S}"


def _index_with(name: str, document) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    # mapping() rather than document(): document() would bind the Document class to the
    # first Index ever built, a process-wide side effect.
    index.mapping(document._doc_type.mapping)
    # Analyzers referenced by fields are collected from the mapping; vi_exact is only
    # named in queries, so it is registered explicitly.
    index.analyzer(vi_exact)
    return index


def products_index(name: str) -> Index:
    """A concrete product index (not yet created): settings, analyzers and mappings."""
    return _index_with(name, ProductDocument)


def product_to_es(document: dict) -> dict:
    """The _source for a search.indexing.product_document() dict."""
    listed_at = document["listed_at"]
    return {
        "id": document["id"],
        "title": document["title"],
        "description": document["description"],
        "producer": document["producer"],
        "text_folded": document["text_folded"],
        "province": document["province"],
        "province_name": document["province_name"],
        "group": document["group"],
        "group_name": document["group_name"],
        "category": document["category"],
        "stars": document["stars"],
        "price": document["price"],
        "listed_at": listed_at.isoformat() if hasattr(listed_at, "isoformat") else listed_at,
        "url": document["url"],
    }


# CMS pages -----------------------------------------------------------------------


class PageDocument(Document):
    title = _folded_text()
    search_description = _folded_text()
    body = _folded_text()
    url = Keyword(index=False)
    locale = Keyword()


def pages_alias() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-pages"


def pages_index(name: str | None = None) -> Index:
    return _index_with(name or f"{pages_alias()}-v{SCHEMA_VERSION}", PageDocument)


def page_to_es(document: dict) -> dict:
    """The _source of a page document (search.indexing.page_document)."""
    return {
        "title": document["title"],
        "search_description": document.get("search_description", ""),
        "body": document["text"],
        "url": document["url"],
        "locale": document["language"],
    }
