"""Where CMS models get their rich-text field from: one import, so the project's sanitising
field (catalog.validators.sanitise_rich_text on save and render) replaces Wagtail's in one line.
"""

from wagtail.fields import RichTextField

# What editors may use in rich text: Wagtail's editor keeps only these, so a pasted <script>,
# style or event handler never reaches the database.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]

__all__ = ["RICH_TEXT_FEATURES", "RichTextField"]
