"""The catalog side of the demo (products.json): OCOP product groups, product classes,
producers, real OCOP products with a stock record and a drawn picture each, their
certificates in every OCOP state (listed at 3★–5★, expired, revoked, re-rated, rated 2★, a
suspended producer) and production batches with trace pages. All writes go through
catalog.services; rows are found by natural keys.
"""

from pathlib import Path

from django.conf import settings
from django.utils import translation
from oscar.templatetags.currency_filters import currency

from shop.demo.base import Demo, read_data
from shop.demo.loaders.catalog.catalogue import (
    load_old_product_groups,
    load_product,
    load_product_classes,
    load_product_groups,
)
from shop.demo.loaders.catalog.ocop import (
    certificate_counts,
    listed_count,
    load_batches,
    load_certificates,
)
from shop.demo.loaders.catalog.producers import (
    load_producers,
    load_quality_certifications,
    producer_counts,
)

DATA_FILE = Path(__file__).with_name("products.json")
# The English texts (product titles and descriptions, group names, some producers' stories,
# issuing bodies), keyed like products.json.
ENGLISH_FILE = Path(__file__).with_name("english.json")


def demo_data() -> dict:
    return {**read_data(DATA_FILE), "english": read_data(ENGLISH_FILE)}


def load(demo: Demo) -> None:
    data = demo_data()
    # The data's plain texts are the Vietnamese ones (title → title_vi), whatever language
    # the command runs in; the English ones are named (title_en).
    with translation.override(settings.LANGUAGE_CODE):
        categories, classes = _taxonomy(data, demo)
        producers = _producers(data, demo)
        products = _products(data, categories, classes, producers, demo)
        _ocop(data, categories, producers, products, demo)


def _taxonomy(data: dict, demo: Demo) -> tuple[dict, dict]:
    categories = load_product_groups(data)
    old = load_old_product_groups(data)
    sub_groups = sum(len(group["sub_groups"]) for group in data["product_groups"])
    demo.say(
        f"OCOP groups: {len(data['product_groups'])} groups and {sub_groups} sub-groups "
        f"(2021–2025), {len(old)} groups of 2018–2020 kept for old ratings (not public)"
    )
    classes = load_product_classes(data)
    names = ", ".join(
        f"{c.name} (options: {', '.join(o.name for o in c.options.order_by('order'))})"
        if c.options.exists()
        else c.name
        for c in classes.values()
    )
    demo.say(f"Product classes: {names}")
    return categories, classes


def _producers(data: dict, demo: Demo) -> dict:
    producers = load_producers(data, admin=demo.admin)
    counts = producer_counts(producers)
    provinces = ", ".join(sorted({spec["province"] for spec in data["producers"]}))
    demo.say(
        f"Producers: {counts['verified']} verified, {counts['suspended']} suspended, in {provinces}"
    )
    return producers


def _products(data: dict, categories, classes, producers, demo: Demo) -> dict:
    groups = {group["slug"]: group for group in data["product_groups"]}
    partners = {code: producer.partner for code, producer in producers.items()}
    specs = data["products"]
    demo.say(f"Products: {len(specs)}")
    products, drawn = {}, 0
    for position, spec in enumerate(specs):
        product, picture_drawn = load_product(
            spec,
            position,
            groups=groups,
            categories=categories,
            classes=classes,
            partners=partners,
            images=demo.images,
            english=data["english"]["products"].get(spec["upc"]),
        )
        products[spec["upc"]] = product
        drawn += picture_drawn
        price = currency(spec["price"], "VND")  # the shop's one VND format: 280.000 ₫
        note = " – picture drawn" if picture_drawn else ""
        demo.say(f"  ({position + 1}/{len(specs)}) {product.upc} {product.title} – {price}{note}")
    if demo.images:
        demo.say(f"Pictures: {drawn} drawn, {len(specs) - drawn} already on storage")
    else:
        demo.say("Pictures: skipped (--no-images)")
    return products


def _ocop(data: dict, categories, producers, products, demo: Demo) -> None:
    quality = load_quality_certifications(data, producers=producers)
    demo.say(f"Quality certifications: {quality} (verified)")
    expired_now = load_certificates(
        data, products=products, categories=categories, admin=demo.admin
    )
    counts = certificate_counts(products)
    by_stars = ", ".join(f"{stars}★ {n}" for stars, n in counts["valid_by_stars"].items())
    note = f" ({expired_now} marked expired today)" if expired_now else ""
    demo.say(
        f"Certificates: {counts['valid']} valid ({by_stars}), {counts['expired']} expired, "
        f"{counts['revoked']} revoked, {counts['superseded']} superseded, "
        f"{counts['rated_2']} rated 2★{note}"
    )
    batches = load_batches(data, products=products, producers=producers)
    # One listed product's page and the revoked one's, which shows the warning.
    revoked = next(s["upc"] for s in data["products"] if s.get("demo_state") == "revoked")
    examples = [batches[0], next(b for b in batches if b.product.upc == revoked)]
    # As on a printed QR stamp: the default language's URL, which has no prefix.
    with translation.override(settings.LANGUAGE_CODE):
        pages = " and ".join(f"{demo.site.url}{batch.get_absolute_url()}" for batch in examples)
    demo.say(f"Batches: {len(batches)} (trace pages: {pages})")
    demo.say(f"Listed in the shop: {listed_count(products)} of {len(products)} products")
