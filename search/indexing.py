"""Keeping the search index in step with the catalog. Only listable products are indexed
(catalog.selectors.listable_products); a product that stops being listable is removed."""

import logging
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db import transaction
from django.utils import translation
from oscar.core.loading import get_model

from catalog import selectors
from search.backends import index_backends
from search.documents import PageDocument, ProductDocument
from search.text import fold, plain_text

logger = logging.getLogger(__name__)

Category = get_model("catalogue", "Category")

BATCH_SIZE = 500


def _indexable(product_ids=None):
    products = selectors.with_producers(
        selectors.listable_products()
        .select_related("product_class")
        .prefetch_related("categories", selectors.certificates_in_force())
    )
    if product_ids is not None:
        products = products.filter(pk__in=product_ids)
    return products.order_by("pk")


def product_document(product, *, categories_by_path: dict) -> ProductDocument:
    """What every backend indexes for one listable product (fetched by `_indexable`): its
    Vietnamese text (whatever page language the change was made in), and the English title
    and description where written, searchable too."""
    with translation.override(settings.LANGUAGE_CODE):
        return _product_document(product, categories_by_path=categories_by_path)


def _product_document(product, *, categories_by_path: dict) -> ProductDocument:
    producer = selectors.producer_of(product)
    stockrecord = product.stockrecords.all()[0]
    certificate = product.certificates_in_force[0]
    leaf = next(iter(product.categories.all()), None)
    root = categories_by_path.get(leaf.path[: Category.steplen]) if leaf else None
    url = product.get_absolute_url()
    description = plain_text(product.description)
    title_en = product.title_en or ""
    description_en = plain_text(product.description_en)
    names = [
        product.title,
        description,
        title_en,
        description_en,
        producer.legal_name,
        producer.trademark,
        producer.province.name,
        producer.commune.name,
        leaf.name if leaf else "",
        root.name if root else "",
        leaf.name_en if leaf else "",
        root.name_en if root else "",
    ]
    return ProductDocument(
        id=product.pk,
        title=product.title,
        description=description,
        producer=producer.legal_name,
        text_folded=fold(" ".join(name for name in names if name)),
        province=producer.province.codename,
        province_name=producer.province.name,
        group=root.slug if root else "",
        group_name=root.name if root else "",
        category=leaf.slug if leaf else "",
        stars=certificate.stars,
        price=int(stockrecord.price or 0),
        listed_at=product.date_created,
        valid_until=certificate.valid_until,
        url=url,
        title_en=title_en,
        description_en=description_en,
    )


def product_documents(product_ids=None) -> Iterator[ProductDocument]:
    categories_by_path = {c.path: c for c in Category.get_root_nodes()}
    products = _indexable(product_ids)
    for product in products.iterator(chunk_size=BATCH_SIZE):
        yield product_document(product, categories_by_path=categories_by_path)


def sync_products(product_ids: Iterable[int], *, backends=None) -> None:
    """Indexes those of `product_ids` that are listable and removes the others."""
    backends = backends or index_backends()
    product_ids = sorted(set(product_ids))
    for start in range(0, len(product_ids), BATCH_SIZE):
        chunk = product_ids[start : start + BATCH_SIZE]
        documents = list(product_documents(chunk))
        listed = {document.id for document in documents}
        gone = [pk for pk in chunk if pk not in listed]
        for backend in backends:
            if documents:
                backend.index_products(documents)
            if gone:
                backend.remove_products(gone)


class _PendingSync:
    """Product ids changed in the current transaction, synced once when it commits."""

    def __init__(self):
        self.ids = set()

    def __call__(self):
        _sync_safely(self.ids)


def schedule_sync(product_ids: Iterable[int]) -> None:
    ids = set(product_ids)
    if not ids:
        return
    connection = transaction.get_connection()
    if settings.SEARCH_INDEX_IMMEDIATELY or not connection.in_atomic_block:
        _sync_safely(ids)
        return
    pending = getattr(connection, "search_pending_sync", None)
    # A rolled-back transaction drops its callbacks: start a new batch then.
    if pending is None or all(func is not pending for _, func, _ in connection.run_on_commit):
        pending = connection.search_pending_sync = _PendingSync()
        transaction.on_commit(pending)
    pending.ids |= ids


def _sync_safely(ids) -> None:
    # The shop keeps working if an index is down (the database one still gets the change);
    # `search_index --rebuild` repairs the other afterwards.
    for backend in index_backends():
        try:
            sync_products(ids, backends=[backend])
        except Exception:
            logger.exception(
                "Search index %s: update failed for %d product(s)", backend.name, len(ids)
            )


# CMS pages -------------------------------------------------------------------------


def page_document(page) -> PageDocument:
    """What every backend indexes for one live page."""
    page = page.specific
    text = plain_text(" ".join(_page_texts(page)))
    return PageDocument(
        id=page.pk,
        title=page.title,
        search_description=page.search_description,
        text=text,
        text_folded=fold(f"{page.title} {page.search_description} {text}"),
        url=page.get_url() or "",
        language=page.locale.language_code,
    )


def _page_texts(page):
    """The text of a page's content fields: text, rich text, and StreamField blocks' own
    searchable text (rendering them would fetch embeds and draw product cards)."""
    from wagtail.fields import StreamField

    for field in page._meta.concrete_fields:
        value = getattr(page, field.name, "")
        if not value:
            continue
        if isinstance(field, StreamField):
            yield " ".join(field.get_searchable_content(value))
        elif field.get_internal_type() == "TextField":  # RichTextField too
            yield str(value)


def live_pages():
    from wagtail.models import Page

    return Page.objects.live().public().filter(depth__gt=1).select_related("locale")


def sync_page(page) -> None:
    """Indexes a live public page, or removes it; errors are logged, never raised."""
    is_live = live_pages().filter(pk=page.pk).exists()
    for backend in index_backends():
        try:
            if is_live:
                backend.index_pages([page_document(page)])
            else:
                backend.remove_pages([page.pk])
        except Exception:
            logger.exception("Search index %s: page %s not updated", backend.name, page.pk)
