"""StreamField blocks of the CMS. Rich text in a StreamField is always
SanitisedRichTextBlock, never Wagtail's RichTextBlock."""

from wagtail.blocks import RichTextBlock
from wagtail.rich_text import RichText

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
