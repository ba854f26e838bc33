"""What the search indexes hold: the one shape of a product document and of a page document
(dataclasses both backends map from), the Vietnamese analyzers, and the index names.

Shoppers type with or without diacritics ("mật ong", "mat ong"), so text is indexed both
as written and folded to ASCII; the search side then ranks accent-exact matches higher.

Index names come from settings when called, never at import: tests and deployments
change SEARCH_INDEX_PREFIX after this module is loaded. Each rebuild writes a new concrete
index ("<prefix>-products-v<SCHEMA_VERSION>-<timestamp>") behind a stable alias
("<prefix>-products"), so a rebuild swaps the alias instead of emptying the live index.
"""

from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, date, datetime
from types import new_class
from typing import Any

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
SCHEMA_VERSION = 3  # 2: one document shape, valid_until; page fields text, language; 3: English

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


# The documents ----------------------------------------------------------------------
#
# Each is defined once, as a dataclass; every backend maps from it by field name. A field's
# Elasticsearch type is in its metadata, so the Elasticsearch mapping is derived from the
# dataclass rather than written again beside it.


def _es(es_type, **kwargs) -> Any:
    return field(metadata={"es": es_type}, **kwargs)


@dataclass(frozen=True)
class ProductDocument:
    """What every backend indexes for one listable product (built by
    search.indexing.product_document). To index a new field: declare it here, fill it there.
    The database backend keeps the fields its table has (search.models.ProductIndexEntry);
    give that model a column too only if the database must filter or sort on it."""

    id: int = _es(Integer())
    title: str = _es(
        _folded_text(
            fields={
                "raw": Keyword(),
                "autocomplete": Text(analyzer=vi_autocomplete, search_analyzer=vi_folding),
            }
        )
    )
    description: str = _es(_folded_text())
    producer: str = _es(_folded_text())
    # Everything searchable in one field (title, producer, commune, categories...): "all
    # words must match" then holds across fields, as in the database backend.
    text_folded: str = _es(_folded_text())
    province: str = _es(Keyword())
    province_name: str = _es(_folded_text_with_raw())
    group: str = _es(Keyword())
    group_name: str = _es(_folded_text_with_raw())
    category: str = _es(Keyword())
    stars: int = _es(Integer())
    price: int = _es(Long())  # integer VND
    listed_at: datetime = _es(Date())
    # The certificate's last valid day: Elasticsearch filters on it at query time, so a
    # certificate lapsing at midnight leaves results before the nightly job runs.
    valid_until: date = _es(Date())
    url: str = _es(Keyword(index=False))
    # The English title and description where the producer wrote them (empty otherwise);
    # text_folded holds them too, so both backends find "Nước mắm" for "fish sauce".
    title_en: str = _es(_folded_text(), default="")
    description_en: str = _es(_folded_text(), default="")


@dataclass(frozen=True)
class PageDocument:
    """What every backend indexes for one live CMS page (search.indexing.page_document)."""

    id: int = _es(Integer())
    title: str = _es(_folded_text())
    search_description: str = _es(_folded_text())
    text: str = _es(_folded_text())
    text_folded: str = _es(_folded_text())
    url: str = _es(Keyword(index=False))
    language: str = _es(Keyword())


def es_source(document) -> dict:
    """The Elasticsearch _source of a document: its fields, dates as ISO strings."""
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in asdict(document).items()
    }


def _es_mapping(document_class) -> type[Document]:
    """An elasticsearch.dsl Document whose fields are the dataclass's, typed by metadata."""
    body = {f.name: f.metadata["es"] for f in fields(document_class)}
    return new_class(
        f"{document_class.__name__}Mapping", (Document,), {}, lambda ns: ns.update(body)
    )


ProductMapping = _es_mapping(ProductDocument)
PageMapping = _es_mapping(PageDocument)


# Indexes ------------------------------------------------------------------------------


def products_alias() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-products"


def new_products_index_name(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return f"{products_alias()}-v{SCHEMA_VERSION}-{now:%Y%m%d-%H%M%S}"


def _index_with(name: str, mapping) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    # mapping() rather than document(): document() would bind the Document class to the
    # first Index ever built, a process-wide side effect.
    index.mapping(mapping._doc_type.mapping)
    # Analyzers referenced by fields are collected from the mapping; vi_exact is only
    # named in queries, so it is registered explicitly.
    index.analyzer(vi_exact)
    return index


def products_index(name: str) -> Index:
    """A concrete product index (not yet created): settings, analyzers and mappings."""
    return _index_with(name, ProductMapping)


def pages_alias() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-pages"


def pages_index(name: str | None = None) -> Index:
    return _index_with(name or f"{pages_alias()}-v{SCHEMA_VERSION}", PageMapping)
