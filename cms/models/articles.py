"""News and producer stories, with tags."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from catalog.selectors import today
from cms.blocks import BodyBlock
from cms.i18n import in_reading_language
from cms.models.base import PageMixin
from cms.params import ListingParams


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(PageMixin, Page):
    date = models.DateField(_("date"), default=today)
    intro = models.TextField(_("introduction"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    parent_page_types = ["cms.ArticleIndexPage", "cms.ProvincePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")


class ArticleIndexPage(PageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]
    max_count_per_parent = 1
    per_page = 10

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        params = ListingParams.from_query(request.GET)
        articles = latest_articles()
        if params.tag:
            articles = articles.filter(tags__slug=params.tag)
        paginator = Paginator(articles.prefetch_related("tags"), self.per_page)
        context["articles"] = paginator.get_page(params.page)
        context["tag"] = params.tag
        context["tags"] = (
            ArticleTag.tag_model()
            .objects.filter(cms_articletag_items__content_object__live=True)
            .distinct()
            .order_by("name")
        )
        return context


def latest_articles():
    return in_reading_language(ArticlePage.objects.live().public()).order_by("-date", "-pk")
