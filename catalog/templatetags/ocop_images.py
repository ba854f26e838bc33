"""`{% ocop_thumbnail image "product_card" as thumb %}`: a thumbnail by the name of its size
(catalog.images.THUMBNAIL_SIZES), the same one the background task made on upload."""

import logging

from django import template
from django.conf import settings

from catalog import images

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def ocop_thumbnail(source, name):
    if name not in images.THUMBNAIL_SIZES:
        raise template.TemplateSyntaxError(f"No thumbnail size named {name!r}.")
    try:
        return images.thumbnail(source, name)
    except Exception:
        # As Oscar's own thumbnail tag: a broken picture must not break the page.
        if getattr(settings, "OSCAR_THUMBNAIL_DEBUG", settings.DEBUG):
            raise
        logger.exception("No %s thumbnail for %r", name, source)
        return None
