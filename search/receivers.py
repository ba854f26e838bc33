"""Side effects only: a change that can alter what is listed, or how it is found, schedules
a reindex of the products it touches (search.indexing batches them per transaction)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from catalog import selectors
from catalog.models import Certificate, Producer
from catalog.signals import product_listing_changed
from search.backends import index_backends
from search.indexing import schedule_sync, sync_page

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


@receiver(product_listing_changed)
def listing_changed(sender, product, **kwargs):
    schedule_sync([product.pk])


@receiver(post_save, sender=Product)
@receiver(post_delete, sender=Product)
def product_changed(sender, instance, **kwargs):
    schedule_sync([instance.pk])


@receiver(m2m_changed, sender=Product.categories.through)
def product_categories_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Product):
        schedule_sync([instance.pk])


@receiver(post_save, sender=StockRecord)
@receiver(post_delete, sender=StockRecord)
@receiver(post_save, sender=Certificate)
def product_part_changed(sender, instance, **kwargs):
    schedule_sync([instance.product_id])


@receiver(post_save, sender=Producer)
def producer_changed(sender, instance, **kwargs):
    schedule_sync(selectors.products_of(instance).values_list("pk", flat=True))


@receiver(page_published)
@receiver(page_unpublished)
def page_changed(sender, instance, **kwargs):
    transaction.on_commit(lambda: sync_page(instance))


@receiver(post_delete, sender=Page)
def page_deleted(sender, instance, **kwargs):
    page_id = instance.pk
    for backend in index_backends():
        transaction.on_commit(lambda backend=backend: backend.remove_pages([page_id]))
