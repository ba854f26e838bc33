from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from catalog import selectors
from cms.rich_text import SanitisedRichTextField


class HomePage(Page):
    """The storefront's front page: a welcome, then OCOP products and groups."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = SanitisedRichTextField(
        _("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_products"] = selectors.featured_products(limit=8)
        return context
