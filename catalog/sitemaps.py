from django.contrib.sitemaps import Sitemap

from catalog import selectors


class ProductSitemap(Sitemap):
    """Listable products only: search engines never learn of an unlisted one."""

    changefreq = "daily"
    limit = 5000

    def items(self):
        return selectors.listable_products().order_by("pk")

    def lastmod(self, product):
        return product.date_updated
