"""Background work of the catalog (django_tasks: immediate in the embedded default, the
database queue and `manage.py db_worker` in production)."""

from django.apps import apps
from django_tasks import task

from catalog import images


@task()
def make_thumbnails(*, model: str, pk: int, field: str) -> int:
    """Makes every size an uploaded picture is shown at (catalog.images.IMAGE_THUMBNAILS),
    so pages find them made. Returns how many sizes it went through; a row deleted or a
    picture removed since the task was queued leaves nothing to do."""
    instance = apps.get_model(model)._default_manager.filter(pk=pk).first()
    picture = getattr(instance, field, None)
    if not picture:
        return 0
    names = images.IMAGE_THUMBNAILS[(model, field)]
    for name in names:
        images.thumbnail(picture, name)
    return len(names)
