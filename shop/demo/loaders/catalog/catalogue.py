"""The Oscar side of the demo: OCOP product groups as categories (with their catalog
ProductGroup rows), product classes and their basket options, products with one stock record
and one generated picture each. Producers and their partners are in producers.py.

Every row is found by a natural key (category slug under its parent, option code, product
class slug, UPC), never by a primary key.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import slugify
from oscar.core.loading import get_model

from catalog.models import ProductGroup
from catalog.product_classes import ensure_product_classes
from shop.demo.base import upsert
from shop.demo.loaders.catalog.images import product_image

Category = get_model("catalogue", "Category")
Option = get_model("catalogue", "Option")
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


def _category(
    parent, *, slug: str, name: str, description: str, is_public: bool = True, name_en: str = ""
):
    siblings = Category.get_root_nodes() if parent is None else parent.get_children()
    category = siblings.filter(slug=slug).first()
    values = {"name": name, "description": description, "is_public": is_public}
    if name_en:
        values["name_en"] = name_en
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


def _group(category, spec: dict, *, period: str, number: int | None):
    return upsert(
        ProductGroup,
        {"category": category},
        {
            "period": period,
            "number": number,
            "colour": spec["colour"],
            "is_service": spec["is_service"],
        },
    )


def load_product_groups(data: dict) -> dict:
    """Categories by slug: the six 2021–2025 groups as roots, their sub-groups beneath, each
    with its ProductGroup row. Sub-groups take their group's period, colour and service flag."""
    categories = {}
    # English names where the data has them (demo_data(); the bench generator reads the
    # Vietnamese file alone).
    english = data.get("english", {}).get("product_groups", {})
    for group in data["product_groups"]:
        root = _category(
            None,
            slug=group["slug"],
            name=group["name"],
            description=group["description"],
            name_en=english.get(group["slug"], ""),
        )
        _group(root, group, period=group["period"], number=group["number"])
        categories[group["slug"]] = root
        for sub_group in group["sub_groups"]:
            child = _category(
                root,
                slug=sub_group["slug"],
                name=sub_group["name"],
                description=sub_group["description"],
                name_en=english.get(sub_group["slug"], ""),
            )
            _group(child, group, period=group["period"], number=None)
            categories[sub_group["slug"]] = child
    return categories


def load_old_product_groups(data: dict) -> dict:
    """The 2018–2020 six-group taxonomy, kept so old ratings keep their old group: roots
    that are not public, so they never reach menus, browsing or the sitemap."""
    categories = {}
    for group in data["product_groups_2018_2020"]:
        root = _category(
            None,
            slug=group["slug"],
            name=group["name"],
            description=group["description"],
            is_public=False,
        )
        _group(root, group, period=ProductGroup.Period.P2018_2020, number=group["number"])
        categories[group["slug"]] = root
    return categories


def load_product_classes(data: dict) -> dict:
    """Product classes by slug: goods, and tourism services booked for a date and a party
    size (catalog.product_classes, also created by a migration)."""
    return ensure_product_classes(ProductClass, Option)


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


def load_product(
    spec: dict, position: int, *, groups, categories, classes, partners, images, english=None
):
    """One product, its stock record and (with `images`) its picture. Returns the product
    and whether a picture was drawn. `english`: its English title and description."""
    group = groups[spec["group"]]
    english = english or {}
    product = upsert(
        Product,
        {"upc": spec["upc"]},
        {
            "title": spec["title"],
            "slug": slug_vi(spec["title"]),
            "description": spec["description"],
            "title_en": english.get("title", ""),
            "description_en": english.get("description", ""),
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
