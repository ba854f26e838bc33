"""Side effects only."""

from django.dispatch import receiver
from wagtail.signals import copy_for_translation_done

from cms.editorial import province_editorial_setup
from cms.models import ProvincePage


@receiver(copy_for_translation_done)
def province_translated(sender, source_obj, target_obj, **kwargs):
    """The English copy of a province page is edited by the same province's groups, under the
    same workflow."""
    if isinstance(target_obj, ProvincePage):
        province_editorial_setup(province_page=target_obj)
