"""Side effects of saves in the catalog: thumbnails are queued when a picture is saved."""

from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_save

from catalog import images
from catalog.tasks import make_thumbnails


def queue_thumbnails(sender, instance, raw=False, update_fields=None, **kwargs):
    """Once the picture is committed, a worker makes its thumbnails (off the request that
    uploaded it, and before a shopper asks for them)."""
    if raw:  # loading a fixture
        return
    model = sender._meta.label_lower
    for (label, field), _names in images.IMAGE_THUMBNAILS.items():
        if label != model or not getattr(instance, field):
            continue
        if update_fields is not None and field not in update_fields:
            continue
        transaction.on_commit(
            partial(make_thumbnails.enqueue, model=model, pk=instance.pk, field=field),
            robust=True,  # a queue that is down costs a thumbnail made later, not the save
        )


def connect():
    for label in {label for label, _field in images.IMAGE_THUMBNAILS}:
        post_save.connect(
            queue_thumbnails, sender=apps.get_model(label), dispatch_uid=f"thumbnails-{label}"
        )
