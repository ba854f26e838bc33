"""Oscar's dashboard edits Django's flat pages (about us, delivery terms, shown in checkout).
FlatPage is Django's own model and cannot be subclassed in place the way Oscar's are, so its
content is sanitised here, before any save, from the dashboard, django-admin or the shell."""

from django.contrib.flatpages.models import FlatPage
from django.db.models.signals import pre_save
from django.dispatch import receiver

from catalog.validators import sanitise_rich_text


@receiver(pre_save, sender=FlatPage)
def sanitise_flatpage(sender, instance, **kwargs):
    instance.content = sanitise_rich_text(instance.content)
