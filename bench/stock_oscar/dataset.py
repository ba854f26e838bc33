"""Stock Oscar's side of `bench.run --against-stock-oscar`, run in a process of its own
(with bench.stock_oscar.settings: the shop's settings cannot live in the same process).

    python -m bench.stock_oscar.dataset load EXPORT.json
    python -m bench.stock_oscar.dataset probe EXPORT.json

`load` bulk-creates, in stock Oscar's own tables, the catalogue the shop lists: the same
products (title, slug, UPC, description), the six OCOP groups and their sub-groups as
categories, two product classes (goods track stock, community tourism does not), one
partner per producer, the same prices and stock levels; then builds the search index
(`rebuild_index`, as after any import: bulk_create sends no signal to haystack's
realtime processor). EXPORT.json is written by `bench.compare_stock.export` from the
shop's database.

`probe` counts the SQL queries of each compared page with Django's test client (as
bench.run does for the shop) and how many results each search finds, and prints JSON.
"""

import argparse
import json
import os
import re
import shutil
import sys
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.stock_oscar.settings")

BATCH = 2000


def load(export: dict) -> int:
    from django.conf import settings
    from django.core.management import call_command
    from haystack.query import SearchQuerySet
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")

    # Oscar's docs: copy its missing-image picture into MEDIA_ROOT for the thumbnailer.
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    picture = Path(sys.modules["oscar"].__file__).parent / "static/oscar/img/image_not_found.jpg"
    shutil.copy(picture, media / settings.OSCAR_MISSING_IMAGE_URL)

    rows = export["products"]
    have = Product.objects.count()
    if have and have != len(rows):
        sys.exit(f"the stock Oscar database holds {have} products, not {len(rows)}: drop it")
    if not have:
        _create(rows)
    # The index is a folder beside the database: a database kept from an earlier run may
    # have lost it, or never have had it.
    if SearchQuerySet().models(Product).count() != len(rows):
        call_command("rebuild_index", interactive=False, verbosity=0)
    return len(rows) - have


def _create(rows):
    from django.conf import settings
    from django.db import transaction
    from oscar.core.loading import get_model

    Category = get_model("catalogue", "Category")
    Partner = get_model("partner", "Partner")
    Product = get_model("catalogue", "Product")
    ProductCategory = get_model("catalogue", "ProductCategory")
    ProductClass = get_model("catalogue", "ProductClass")
    StockRecord = get_model("partner", "StockRecord")

    with transaction.atomic():
        groups, categories = {}, {}
        for row in rows:
            group_slug, group_name, slug, name = row["category"]
            if group_slug not in groups:
                groups[group_slug] = Category.add_root(name=group_name, slug=group_slug)
            if slug not in categories:
                categories[slug] = groups[group_slug].add_child(name=name, slug=slug)
                groups[group_slug].refresh_from_db()
        classes = {}
        for name, track in {(row["class"], row["track_stock"]) for row in rows}:
            classes[name] = ProductClass.objects.create(
                name=name, slug=f"class-{len(classes)}", track_stock=track, requires_shipping=True
            )
        names = sorted({row["partner"] for row in rows})
        partners = Partner.objects.bulk_create(
            [Partner(name=name, code=f"p{number}") for number, name in enumerate(names)],
            batch_size=BATCH,
        )
        partner_of = dict(zip(names, partners, strict=True))
        for offset in range(0, len(rows), BATCH):
            chunk = rows[offset : offset + BATCH]
            products = Product.objects.bulk_create(
                [
                    Product(
                        title=row["title"],
                        slug=row["slug"],
                        upc=row["upc"],
                        description=row["description"],
                        structure=Product.STANDALONE,
                        product_class=classes[row["class"]],
                        is_public=True,
                    )
                    for row in chunk
                ]
            )
            ProductCategory.objects.bulk_create(
                [
                    ProductCategory(product=product, category=categories[row["category"][2]])
                    for product, row in zip(products, chunk, strict=True)
                ]
            )
            StockRecord.objects.bulk_create(
                [
                    StockRecord(
                        product=product,
                        partner=partner_of[row["partner"]],
                        partner_sku=row["upc"],
                        price=Decimal(row["price"]),
                        price_currency=settings.OSCAR_DEFAULT_CURRENCY,
                        num_in_stock=row["num_in_stock"],
                    )
                    for product, row in zip(products, chunk, strict=True)
                ]
            )


# "Found <strong>N</strong> results" (search), "<strong>N</strong> results - showing" (lists)
FOUND = re.compile(r"<strong>([\d,]+)</strong> result")


def probe(export: dict) -> dict:
    """The compared pages' paths, SQL queries (cold and warm) and how many products each
    list or search says it found."""
    from django.test import Client
    from oscar.core.loading import get_model

    from bench.run import count_queries

    Category = get_model("catalogue", "Category")
    Product = get_model("catalogue", "Product")

    product = Product.objects.get(upc=export["product_upc"])
    category = Category.objects.get(slug=export["category_slug"])
    deep = export["deep_page"]
    # The shop also lists its demo products: on a small catalogue its last page may be one
    # more than stock Oscar has, which would answer it with a redirect to page 1.
    last = -(-Product.objects.count() // export["products_per_page"])
    urls = {
        "floor (trivial view)": ("/bench/floor/", "middleware only"),
        "catalogue p1": ("/catalogue/", "all products, facets"),
        f"catalogue p{deep}": (
            f"/catalogue/?page={min(deep, last)}",
            "the shop's deepest page" if deep <= last else f"page {last}, the last",
        ),
        "category": (category.get_absolute_url(), category.name),
        "product detail": (product.get_absolute_url(), "stock Oscar's product page"),
    }
    for name, (path, query) in export["searches"].items():
        urls[name] = (path, query)
    client, found = Client(), {}
    for name, (path, _) in urls.items():
        response = client.get(path)
        # A redirect (e.g. to page 1) would measure another page than the shop's.
        assert response.status_code == 200, (path, response.status_code)
        if name.startswith(("catalogue", "category", "search")):
            match = FOUND.search(response.content.decode())
            found[name] = int(match.group(1).replace(",", "")) if match else 0
    urls["basket add"] = (f"/basket/add/{product.pk}/", "POST, session + CSRF")
    return {
        "urls": urls,
        "queries": count_queries(urls),
        "search_results": found,
        "products": Product.objects.count(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["load", "probe"])
    parser.add_argument("export")
    args = parser.parse_args()
    import django

    django.setup()
    export = json.loads(Path(args.export).read_text())
    if args.action == "load":
        print(json.dumps({"loaded": load(export)}))
    else:
        print(json.dumps(probe(export), ensure_ascii=False))


if __name__ == "__main__":
    main()
