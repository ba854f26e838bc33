from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class PageSitemap(Sitemap):
    """Wagtail's page sitemap, with the English tree too: Wagtail's own lists only the pages
    under the default site's (Vietnamese) root."""

    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Page.objects.none()
        for home in root.get_translations(inclusive=True):
            trees |= home.get_descendants(inclusive=True)
        return trees.live().public().order_by("path").defer_streamfields().specific()
