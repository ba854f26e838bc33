"""The sizes pictures are shown at, defined once: templates ask for a thumbnail by name
(`{% load ocop_images %}{% ocop_thumbnail image.original "product_card" as thumb %}`) and
catalog.tasks.make_thumbnails makes every size of an image in the background when it is
saved, through the same thumbnailer (Oscar's, OSCAR_THUMBNAILER = sorl), so a page finds
them already made instead of resizing a large upload while a shopper waits.
"""

from dataclasses import dataclass

from oscar.core.thumbnails import get_thumbnailer


@dataclass(frozen=True)
class ThumbnailSize:
    geometry: str  # "width x height", as Oscar's thumbnailer takes it
    crop: str | None = "center"
    upscale: bool = False

    def options(self) -> dict:
        # Exactly the options a template passes: the thumbnail's cache key is made of them.
        options = {"size": self.geometry, "upscale": self.upscale}
        if self.crop:
            options["crop"] = self.crop
        return options


THUMBNAIL_SIZES = {
    "product_page": ThumbnailSize("800x800"),
    "product_card": ThumbnailSize("400x400"),
    # The card's small source in its srcset: a phone at 1x (or a small card) never takes 400 px.
    "product_card_small": ThumbnailSize("200x200"),
    "trace": ThumbnailSize("240x240"),
    # Oscar's own basket, checkout and order-confirmation templates ask for these two.
    "basket_line": ThumbnailSize("100x100", crop=None),
    "order_line": ThumbnailSize("200x200", crop=None),
    "producer_card": ThumbnailSize("640x360"),
    "category_banner": ThumbnailSize("1200x400"),
}

# Which sizes each kind of uploaded picture is shown at: (model label, field) → names.
IMAGE_THUMBNAILS = {
    ("catalogue.productimage", "original"): (
        "product_page",
        "product_card",
        "product_card_small",
        "trace",
        "basket_line",
        "order_line",
    ),
    ("catalog.producer", "photo"): ("producer_card",),
    ("catalogue.category", "image"): ("category_banner",),
}


def thumbnail(source, name: str):
    """The named thumbnail of an image (a field file or a media path): found in the
    thumbnail store if it was made already, otherwise made now."""
    return get_thumbnailer().generate_thumbnail(source, **THUMBNAIL_SIZES[name].options())
