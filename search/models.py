from django.db import models
from django.db.models import F


class ProductIndexEntry(models.Model):
    """The database backend's index: one row per listable product, with its text folded
    (no diacritics) so that "nuoc mam" finds "nước mắm" on SQLite and PostgreSQL alike.
    Written only by search.indexing, like an Elasticsearch index."""

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    title = models.CharField(max_length=255)
    title_lower = models.CharField(max_length=255)  # accents kept: exact matches rank first
    title_folded = models.CharField(max_length=255, db_index=True)
    # " word word …": a leading space lets " mat" match word starts only.
    text_folded = models.TextField()
    stars = models.PositiveSmallIntegerField(db_index=True)
    group = models.CharField(max_length=128, db_index=True)
    group_name = models.CharField(max_length=255)
    category = models.CharField(max_length=128, db_index=True)
    province = models.CharField(max_length=100, db_index=True)
    province_name = models.CharField(max_length=100)
    producer = models.CharField(max_length=255)
    price = models.PositiveBigIntegerField(db_index=True)
    listed_at = models.DateTimeField(db_index=True)
    url = models.CharField(max_length=255)

    class Meta:
        verbose_name = "product index entry"
        # The storefront's sorts (search.backends.database._ordered), alone and after the
        # filter a browse page most often has, so a page is read from an index in order
        # instead of sorting every match (issue 13).
        indexes = [
            models.Index(F("listed_at").desc(), "product_id", name="search_entry_newest"),
            models.Index("price", "product_id", name="search_entry_price"),
            models.Index(
                F("stars").desc(), F("listed_at").desc(), "product_id", name="search_entry_stars"
            ),
            models.Index("category", F("listed_at").desc(), name="search_entry_category_newest"),
            models.Index("group", F("listed_at").desc(), name="search_entry_group_newest"),
            models.Index("province", F("listed_at").desc(), name="search_entry_province_newest"),
        ]

    def __str__(self):
        return self.title


class PageIndexEntry(models.Model):
    """The database backend's index of live CMS pages (points of sale, fairs, news …),
    folded like products so "hoi cho" finds "Hội chợ"."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    title = models.CharField(max_length=255)
    title_folded = models.CharField(max_length=255)
    text_folded = models.TextField()
    url = models.CharField(max_length=255)
    language = models.CharField(max_length=8, db_index=True)

    class Meta:
        verbose_name = "page index entry"

    def __str__(self):
        return self.title


class CatalogVersion(models.Model):
    """One row whose version the database itself bumps, by triggers, whenever anything the
    listing rule or the index reads changes: products, certificates, producers, prices,
    index entries. Bulk updates, fixtures and data migrations cannot slip past a trigger as
    they slip past signals, so search answers cached under this version are never stale.
    `epoch` is drawn anew when the row is created, so a version number reused after the
    tables are emptied never matches an old cache entry."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.BigIntegerField(default=1)
    epoch = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "catalog version"

    def __str__(self):
        return f"{self.epoch}.{self.version}"
