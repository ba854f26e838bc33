"""The StreamField blocks every CMS page type shares (bakerydemo's base/blocks.py style): each
block's Meta gives its icon and template (themes/ocop/templates/cms/blocks/).

Rich text in a StreamField is always SanitisedRichTextBlock, never Wagtail's RichTextBlock.
Product and producer blocks store the editor's choice; their templates show only what the
listing rule allows at the moment of rendering.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import RichTextBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from cms.choosers import producer_chooser_viewset, product_chooser_viewset
from cms.rich_text import FEATURES, SanitisedRichText, sanitise_source


class SanitisedRichTextBlock(RichTextBlock):
    """Wagtail's RichTextBlock whose source is sanitised when the editor's form is cleaned
    and whenever the stream is saved, and whose value renders through the sanitiser
    ({{ value }}, {% include_block %}), old stored streams included."""

    def __init__(self, *args, features=None, **kwargs):
        super().__init__(*args, features=features or FEATURES, **kwargs)

    def to_python(self, value):
        return SanitisedRichText(value)

    def normalize(self, value):
        if isinstance(value, RichText):
            return SanitisedRichText(value.source)
        return SanitisedRichText(value and str(value))

    def value_from_form(self, value):
        return SanitisedRichText(sanitise_source(value))

    def get_prep_value(self, value):
        return sanitise_source(value.source)

    class Meta:
        icon = "pilcrow"


ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms.blocks"
)
ProducerChooserBlock = producer_chooser_viewset.get_block_class(
    name="ProducerChooserBlock", module_path="cms.blocks"
)


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"
        label = _("Heading")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    alt_text = blocks.CharBlock(
        label=_("Text for screen readers"),
        required=False,
        max_length=250,
        help_text=_("What the picture shows, if the caption does not say it."),
    )
    attribution = blocks.CharBlock(label=_("Photo by"), required=False, max_length=120)

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"
        label = _("Image with caption")


class GalleryBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(ImageBlock(), **kwargs)

    class Meta:
        icon = "image"
        template = "cms/blocks/gallery.html"
        label = _("Gallery")


class ProductsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    products = blocks.ListBlock(ProductChooserBlock(label=_("Product")), label=_("Products"))

    class Meta:
        icon = "tag"
        template = "cms/blocks/products.html"
        label = _("OCOP products")


class ProducersBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    producers = blocks.ListBlock(ProducerChooserBlock(label=_("Producer")), label=_("Producers"))

    class Meta:
        icon = "group"
        template = "cms/blocks/producers.html"
        label = _("OCOP producers")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        label = _("Quote")


class VideoBlock(EmbedBlock):
    class Meta:
        icon = "media"
        template = "cms/blocks/embed.html"
        label = _("Video or other embed")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = SanitisedRichTextBlock(label=_("Paragraph"))
    image = ImageBlock()
    gallery = GalleryBlock()
    products = ProductsBlock()
    producers = ProducersBlock()
    quote = QuoteBlock()
    embed = VideoBlock()

    class Meta:
        label = _("Content")


__all__ = [
    "BodyBlock",
    "GalleryBlock",
    "HeadingBlock",
    "ImageBlock",
    "ProducerChooserBlock",
    "ProducersBlock",
    "ProductChooserBlock",
    "ProductsBlock",
    "QuoteBlock",
    "SanitisedRichTextBlock",
    "VideoBlock",
]
