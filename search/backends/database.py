"""The embedded default: search over search.ProductIndexEntry with folded text.

Words match at their start, all of them, accents ignored; titles that contain the query
as typed (accents included) rank first. A query that finds nothing is corrected word by
word against the indexed vocabulary ("did you mean"), and the correction is searched;
on PostgreSQL, trigram similarity (pg_trgm) is the last resort for what is still unfound.
"""

import dataclasses
import difflib
from collections import Counter
from dataclasses import fields

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Case, CharField, Count, IntegerField, Q, Value, When

from catalog import selectors
from search.backends.base import (
    FacetValue,
    SearchBackend,
    SearchQuery,
    SearchResults,
    price_bands,
)
from search.documents import PageDocument, ProductDocument
from search.models import PageIndexEntry, ProductIndexEntry
from search.text import fold, words

VOCABULARY_CACHE_KEY = "search:vocabulary"


def _in_band(low: int | None, high: int | None) -> Q:
    """Prices in [low, high); an open end is None."""
    band = Q()
    if low is not None:
        band &= Q(price__gte=low)
    if high is not None:
        band &= Q(price__lt=high)
    return band


def listed_entries():
    """Index entries of products the listing rule allows now. The index can lag behind the
    catalog (midnight passes before the expiry job; a bulk update sends no signal), so every
    query, count, facet and suggestion is joined with the rule itself, not trusted."""
    return ProductIndexEntry.objects.filter(product__in=selectors.listable_products().values("pk"))


def unlisted_indexed_ids() -> list[int]:
    """Products still in the index that the listing rule no longer allows. The database
    index mirrors Elasticsearch's (search.indexing writes both), so Elasticsearch queries
    exclude these at query time."""
    return list(
        ProductIndexEntry.objects.exclude(
            product__in=selectors.listable_products().values("pk")
        ).values_list("product_id", flat=True)
    )


class DatabaseBackend(SearchBackend):
    name = "database"

    # Reading ---------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        # Two passes over the index in the common case: one GROUP BY gives the total and
        # every facet, one more fetches the page (see docs/PERFORMANCE.md). The first is
        # the costly one and depends only on the filter set, not on the page or the sort:
        # it is cached per filter set under the catalog version, so paging and re-sorting
        # a result read only the page.
        from search.backends import cached

        filter_set = dataclasses.replace(query, sort="relevance", offset=0, limit=0)
        how, total, facets, suggestion = cached("database-counts", self._counts, filter_set)
        ids = []
        if total:
            if how == "similar":
                filtered = self._narrowed(self._similar(query.text), query)
            else:
                filtered = self._narrowed(self._matching(suggestion or query.text), query)
            ordered = self._ordered(filtered, query)
            window = ordered.values_list("product_id", flat=True)
            ids = list(window[query.offset : query.offset + query.limit])
        return SearchResults(product_ids=ids, total=total, facets=facets, suggestion=suggestion)

    def _counts(self, query: SearchQuery) -> tuple[str, int, dict, str | None]:
        """How the query matched ("words", or "similar" for pg_trgm), its total, its facets
        and the corrected query if the typed one found nothing."""
        filtered = self._narrowed(self._matching(query.text), query)
        total, facets = self._total_and_facets(filtered, query.filters)
        suggestion = None
        if query.text and total == 0:
            corrected = self._corrected(query.text)
            if corrected and corrected != fold(query.text):
                suggestion = corrected
                filtered = self._narrowed(self._matching(corrected), query)
                total, facets = self._total_and_facets(filtered, query.filters)
            if total == 0 and connection.vendor == "postgresql":
                filtered = self._narrowed(self._similar(query.text), query)
                total, facets = self._total_and_facets(filtered, query.filters)
                return "similar", total, facets, suggestion
        return "words", total, facets, suggestion

    def _narrowed(self, matched, query: SearchQuery):
        if query.category:
            matched = matched.filter(Q(group=query.category) | Q(category=query.category))
        return self._filtered(matched, query.filters)

    def suggest(self, prefix: str, *, limit: int = 8) -> list[dict]:
        folded = fold(prefix).strip()
        if not folded:
            return []
        entries = listed_entries()
        for word in words(folded):  # title words only: suggestions are product names
            entries = entries.filter(
                Q(title_folded__startswith=word) | Q(title_folded__contains=f" {word}")
            )
        entries = entries.annotate(
            starts=Case(
                When(title_folded__startswith=folded, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by("starts", "-stars", "title")
        return [{"title": e.title, "url": e.url} for e in entries[:limit]]

    def _matching(self, text: str):
        matched = listed_entries()
        for word in words(fold(text)):
            matched = matched.filter(text_folded__contains=f" {word}")
        return matched

    def _similar(self, text: str):
        """PostgreSQL only: titles whose words are close to the query (pg_trgm), for typos
        the vocabulary could not correct."""
        from django.contrib.postgres.search import TrigramWordSimilarity

        return (
            listed_entries()
            .annotate(similarity=TrigramWordSimilarity(fold(text), "title_folded"))
            .filter(similarity__gte=0.5)
        )

    def _filtered(self, entries, filters):
        for facet, values in filters.items():
            if not values:
                continue
            if facet == "stars":
                entries = entries.filter(stars__in=[int(v) for v in values if v.isdigit()])
            elif facet == "group":
                entries = entries.filter(Q(group__in=values) | Q(category__in=values))
            elif facet == "province":
                entries = entries.filter(province__in=values)
            elif facet == "price":
                band_filter = Q()
                for key, low, high in price_bands():
                    if key in values:
                        band_filter |= _in_band(low, high)
                entries = entries.filter(band_filter)
        return entries

    def _ordered(self, entries, query: SearchQuery):
        if query.sort == "price-asc":
            return entries.order_by("price", "product_id")
        if query.sort == "price-desc":
            return entries.order_by("-price", "product_id")
        if query.sort == "stars":
            return entries.order_by("-stars", "-listed_at", "product_id")
        if query.sort == "newest" or not query.text:
            return entries.order_by("-listed_at", "product_id")
        typed, folded = query.text.strip().lower(), fold(query.text).strip()
        rank = Case(
            When(title_lower__contains=typed, then=Value(0)),  # as typed, accents and all
            When(title_folded__contains=folded, then=Value(1)),  # the phrase, in the title
            default=Value(2),
            output_field=IntegerField(),
        )
        return entries.annotate(rank=rank).order_by("rank", "-stars", "-listed_at", "product_id")

    def _total_and_facets(self, entries, filters) -> tuple[int, dict[str, list[FacetValue]]]:
        """The number of results and the facet counts, from one GROUP BY."""
        bands = price_bands()
        band = Case(
            *[When(_in_band(low, high), then=Value(key)) for key, low, high in bands],
            output_field=CharField(),
        )
        rows = (
            entries.annotate(band=band)
            .values("stars", "group", "group_name", "province", "province_name", "band")
            .annotate(n=Count("pk"))
            .order_by()
        )
        stars, groups, provinces, prices = Counter(), Counter(), Counter(), Counter()
        names = {}
        for row in rows:
            stars[row["stars"]] += row["n"]
            groups[row["group"]] += row["n"]
            provinces[row["province"]] += row["n"]
            prices[row["band"]] += row["n"]
            names[("group", row["group"])] = row["group_name"]
            names[("province", row["province"])] = row["province_name"]

        def values(facet, counts, label, order):
            chosen = filters.get(facet, ())
            return [
                FacetValue(str(value), label(value), count, str(value) in chosen)
                for value, count in sorted(counts.items(), key=order)
                if count
            ]

        facets = {
            "stars": values("stars", stars, lambda v: "★" * v, lambda item: -item[0]),
            "group": values(
                "group",
                groups,
                lambda v: names[("group", v)],
                lambda item: names[("group", item[0])],
            ),
            "province": values(
                "province",
                provinces,
                lambda v: names[("province", v)],
                lambda item: names[("province", item[0])],
            ),
            "price": values(
                "price", prices, str, lambda item: [key for key, *_ in bands].index(item[0])
            ),
        }
        return sum(stars.values()), facets

    def _corrected(self, text: str) -> str | None:
        vocabulary = self._vocabulary()
        corrected = []
        for word in words(fold(text)):
            if word in vocabulary or any(v.startswith(word) for v in vocabulary):
                corrected.append(word)
                continue
            close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.7)
            corrected.append(close[0] if close else word)
        return " ".join(corrected) or None

    def _vocabulary(self) -> list[str]:
        vocabulary = cache.get(VOCABULARY_CACHE_KEY)
        if vocabulary is None:
            vocabulary = sorted(
                {
                    w
                    for text in ProductIndexEntry.objects.values_list("text_folded", flat=True)
                    for w in text.split()
                    if len(w) > 1
                }
            )
            cache.set(VOCABULARY_CACHE_KEY, vocabulary, 3600)
        return vocabulary

    def search_pages(self, text: str, *, language: str, limit: int = 5) -> list[dict]:
        folded_words = words(fold(text))
        if not folded_words:
            return []
        pages = PageIndexEntry.objects.filter(language=language)
        for word in folded_words:
            pages = pages.filter(text_folded__contains=f" {word}")
        pages = pages.annotate(
            in_title=Case(
                When(title_folded__contains=" ".join(folded_words), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by("in_title", "title")
        return [{"title": p.title, "url": p.url} for p in pages[:limit]]

    def index_pages(self, documents: list[PageDocument]) -> None:
        PageIndexEntry.objects.bulk_create(
            [
                PageIndexEntry(
                    page_id=d.id,
                    title=d.title,
                    title_folded=fold(d.title),
                    text_folded=_padded(d.text_folded),
                    url=d.url,
                    language=d.language,
                )
                for d in documents
            ],
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=["title", "title_folded", "text_folded", "url", "language"],
        )

    def remove_pages(self, page_ids: list[int]) -> None:
        PageIndexEntry.objects.filter(page_id__in=page_ids).delete()

    def rebuild_pages(self, documents: list[PageDocument]) -> int:
        with transaction.atomic():
            PageIndexEntry.objects.all().delete()
            self.index_pages(documents)
        return len(documents)

    # Writing ---------------------------------------------------------------------

    def index_products(self, documents: list[ProductDocument]) -> None:
        fields = [f.name for f in ProductIndexEntry._meta.fields if f.name != "product"]
        ProductIndexEntry.objects.bulk_create(
            [self._entry(document) for document in documents],
            update_conflicts=True,
            unique_fields=["product"],
            update_fields=fields,
        )
        cache.delete(VOCABULARY_CACHE_KEY)

    def remove_products(self, product_ids: list[int]) -> None:
        ProductIndexEntry.objects.filter(product_id__in=product_ids).delete()
        cache.delete(VOCABULARY_CACHE_KEY)

    def rebuild(self, documents, *, progress=None) -> int:
        count = 0
        with transaction.atomic():
            ProductIndexEntry.objects.all().delete()
            batch = []
            for document in documents:
                batch.append(self._entry(document))
                if len(batch) >= 500:
                    ProductIndexEntry.objects.bulk_create(batch)
                    count += len(batch)
                    batch = []
                    if progress:
                        progress(count)
            ProductIndexEntry.objects.bulk_create(batch)
            count += len(batch)
        if progress:
            progress(count)
        cache.delete(VOCABULARY_CACHE_KEY)
        return count

    @staticmethod
    def _entry(document: ProductDocument) -> ProductIndexEntry:
        """The table row of a document: the fields the table has, by name, plus the
        columns this backend derives for matching (lower-case and folded title)."""
        values = {name: getattr(document, name) for name in ENTRY_FIELDS}
        return ProductIndexEntry(
            product_id=document.id,
            title_lower=document.title.lower(),
            title_folded=fold(document.title),
            **values,
            text_folded=_padded(document.text_folded),
        )


def _padded(text_folded: str) -> str:
    """ " word word … ": a leading space lets " mat" match word starts only."""
    return " " + " ".join(words(text_folded)) + " "


# Fields of ProductDocument that ProductIndexEntry stores as they are.
ENTRY_FIELDS = [
    f.name
    for f in fields(ProductDocument)
    if f.name not in ("id", "text_folded")
    and f.name in {model_field.name for model_field in ProductIndexEntry._meta.fields}
]
