"""`manage.py load_demo`: a browsable demo shop of real OCOP products (catalog/demo/).

Safe to run again: rows are found by natural keys and only brought up to date, pictures are
drawn only when their file is missing, and the admin password is never reset.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.demo import demo_data
from catalog.demo.catalogue import (
    load_producers,
    load_product,
    load_product_classes,
    load_product_groups,
)
from catalog.demo.site import ensure_admin, load_django_site, load_home_page


class Command(BaseCommand):
    help = "Load the demo shop: OCOP product groups, producers, products, home page, admin."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-images",
            action="store_false",
            dest="images",
            help="Do not draw product pictures (faster, for tests).",
        )

    def handle(self, *args, images=True, **options):
        data = demo_data()
        with transaction.atomic():
            self._catalogue(data, images=images)
            self._site(data)
        self.stdout.write(self.style.SUCCESS("Done."))

    def _catalogue(self, data: dict, *, images: bool) -> None:
        categories = load_product_groups(data)
        sub_groups = sum(len(group["sub_groups"]) for group in data["product_groups"])
        self.stdout.write(
            f"Product groups: {len(data['product_groups'])} groups, {sub_groups} sub-groups"
        )
        classes = load_product_classes(data)
        self.stdout.write(f"Product classes: {', '.join(c.name for c in classes.values())}")
        partners = load_producers(data)
        provinces = sorted({producer["province"] for producer in data["producers"]})
        self.stdout.write(f"Producers: {len(partners)} in {', '.join(provinces)}")

        groups = {group["slug"]: group for group in data["product_groups"]}
        products = data["products"]
        self.stdout.write(f"Products: {len(products)}")
        drawn = 0
        for position, spec in enumerate(products):
            product, picture_drawn = load_product(
                spec,
                position,
                groups=groups,
                categories=categories,
                classes=classes,
                partners=partners,
                images=images,
            )
            drawn += picture_drawn
            price = f"{spec['price']:,}".replace(",", ".")  # 280.000 ₫, the Vietnamese way
            note = " – picture drawn" if picture_drawn else ""
            counter = f"{position + 1}/{len(products)}"
            self.stdout.write(f"  ({counter}) {product.upc} {product.title} – {price} ₫{note}")
        if images:
            kept = len(products) - drawn
            self.stdout.write(f"Pictures: {drawn} drawn, {kept} already on storage")
        else:
            self.stdout.write("Pictures: skipped (--no-images)")

    def _site(self, data: dict) -> None:
        home, published = load_home_page(data)
        state = "published" if published else "unchanged"
        self.stdout.write(f"Home page: “{home.title}” at {home.url_path} ({state})")
        site = load_django_site(data)
        self.stdout.write(f"Site: {site.name} at {site.domain}")
        admin = data["admin"]
        created = ensure_admin(data)
        if created:
            self.stdout.write(
                f"Admin: created {admin['username']} / {admin['password']} ({admin['email']})"
            )
        else:
            self.stdout.write(
                f"Admin: {admin['username']} already exists (password left as it was; "
                f"demo password is {admin['password']})"
            )
