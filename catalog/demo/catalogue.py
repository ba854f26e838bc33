"""The Oscar side of the demo: OCOP product groups as categories, producers as partners,
products with one stock record and one generated picture each.

Every row is found by a natural key (category slug under its parent, partner code, product
class slug, UPC), never by a primary key.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import slugify
from oscar.core.loading import get_model

from catalog.demo import upsert
from catalog.demo.images import product_image

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

CURRENCY = "VND"
IMAGE_FOLDER = "images/products/ocop"
# Product lists sort newest first; fixed creation times keep the first products in the
# data file first on the home page, on every machine and after every reload.
LISTED_FROM = datetime.datetime(2025, 7, 1, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def slug_vi(text: str) -> str:
    """ "Đồ uống" → "do-uong": slugify drops đ, which does not decompose to d."""
    return slugify(text.replace("đ", "d").replace("Đ", "D"))


def image_name(upc: str) -> str:
    return f"{IMAGE_FOLDER}/{upc.lower()}.jpg"


def _category(parent, *, slug: str, name: str, description: str):
    siblings = Category.get_root_nodes() if parent is None else parent.get_children()
    category = siblings.filter(slug=slug).first()
    values = {"name": name, "description": description, "is_public": True}
    if category is None:
        if parent is None:
            return Category.add_root(slug=slug, **values)
        return parent.add_child(slug=slug, **values)
    changed = [field for field, value in values.items() if getattr(category, field) != value]
    if changed:
        for field in changed:
            setattr(category, field, values[field])
        category.save()
    return category


def load_product_groups(data: dict) -> dict:
    """Categories by slug: the six groups as roots, their sub-groups beneath."""
    categories = {}
    for group in data["product_groups"]:
        root = _category(
            None, slug=group["slug"], name=group["name"], description=group["description"]
        )
        categories[group["slug"]] = root
        for sub_group in group["sub_groups"]:
            categories[sub_group["slug"]] = _category(
                root,
                slug=sub_group["slug"],
                name=sub_group["name"],
                description=sub_group["description"],
            )
    return categories


def load_product_classes(data: dict) -> dict:
    return {
        spec["slug"]: upsert(
            ProductClass,
            {"slug": spec["slug"]},
            {
                "name": spec["name"],
                "requires_shipping": spec["requires_shipping"],
                "track_stock": spec["track_stock"],
            },
        )
        for spec in data["product_classes"]
    }


def load_producers(data: dict) -> dict:
    """Partners by code. Province, entity type and the rest stay in the data file until
    producers are loaded as catalog.Producer rows."""
    return {
        spec["code"]: upsert(Partner, {"code": spec["code"]}, {"name": spec["name"]})
        for spec in data["producers"]
    }


def _image(product, spec: dict, group: dict) -> bool:
    """Draw the picture only if its file is missing; True when it was drawn."""
    name = image_name(spec["upc"])
    drawn = not default_storage.exists(name)
    if drawn:
        picture = product_image(
            title=spec["title"],
            group_name=group["name"],
            colour=group["colour"],
            stars=spec["stars"],
            seed=spec["upc"],
        )
        saved_as = default_storage.save(name, ContentFile(picture))
        if saved_as != name:
            raise RuntimeError(f"Storage renamed {name} to {saved_as}")
    upsert(
        ProductImage,
        {"product": product, "display_order": 0},
        {"original": name, "caption": spec["title"]},
    )
    return drawn


def load_product(spec: dict, position: int, *, groups, categories, classes, partners, images):
    """One product, its stock record and (with `images`) its picture. Returns the product
    and whether a picture was drawn."""
    group = groups[spec["group"]]
    product = upsert(
        Product,
        {"upc": spec["upc"]},
        {
            "title": spec["title"],
            "slug": slug_vi(spec["title"]),
            "description": spec["description"],
            "product_class": classes[group["product_class"]],
            "structure": Product.STANDALONE,
            "is_public": True,
        },
    )
    product.categories.set([categories[spec["sub_group"]]])
    listed_at = LISTED_FROM - datetime.timedelta(hours=position)
    Product.objects.filter(pk=product.pk).exclude(date_created=listed_at).update(
        date_created=listed_at
    )
    upsert(
        StockRecord,
        {"product": product},
        {
            "partner": partners[spec["producer"]],
            "partner_sku": spec["upc"],
            "price": Decimal(spec["price"]),
            "price_currency": CURRENCY,
            "num_in_stock": spec["stock"],
        },
    )
    drawn = _image(product, spec, group) if images else False
    return product, drawn
