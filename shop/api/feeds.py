"""The product feed shopping platforms read (Google Merchant Center's RSS 2.0 with the g:
namespace): listed products only, each as the API shows it, price as "150000 VND".

Written with Django's syndication framework; the g: fields are added by a feed type."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from catalog import selectors
from shop.api.serializers import ProductSerializer

GOOGLE_NS = "http://base.google.com/ns/1.0"


class GoogleMerchantRss(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:g": GOOGLE_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, value in item["merchant"]:
            if value not in (None, ""):
                handler.addQuickElement(f"g:{name}", str(value))


class GoogleMerchantFeed(Feed):
    feed_type = GoogleMerchantRss
    title = _("Chợ OCOP: OCOP-certified products")
    description = _("Every product on sale at Chợ OCOP, with its OCOP stars.")

    def get_object(self, request, *args, **kwargs):
        # The request is the feed's "object": one Feed instance serves every thread.
        return request

    def link(self):
        return "/"

    def items(self, request):
        groups = {group.path: group.slug for group in selectors.product_groups()}
        context = {"request": request, "group_parents": groups}
        products = selectors.open_data_products().order_by("pk")
        return ProductSerializer(products, many=True, context=context).data

    def item_title(self, item):
        return item["title"]

    def item_description(self, item):
        stars = f"OCOP {item['stars']}★"
        return f"{item['description']} ({stars})" if item["description"] else stars

    def item_link(self, item):
        return item["url"]

    def item_guid(self, item):
        return f"ocop-{item['id']}"

    def item_extra_kwargs(self, item):
        images = item["images"]
        producer = item["producer"] or {}
        return {
            "merchant": [
                ("id", f"ocop-{item['id']}"),
                ("price", f"{item['price_vnd']} {settings.OSCAR_DEFAULT_CURRENCY}"),
                ("availability", "in_stock" if item["in_stock"] else "out_of_stock"),
                ("condition", "new"),
                ("brand", producer.get("trademark") or producer.get("name")),
                ("image_link", images[0] if images else None),
                *[("additional_image_link", url) for url in images[1:10]],
                ("product_type", " > ".join(group["name"] for group in item["groups"][:1])),
                ("identifier_exists", "no"),  # OCOP products seldom carry a GTIN
            ]
        }
