"""`manage.py load_demo`: a browsable demo shop of real OCOP products (catalog/demo/), showing
every OCOP state: listed at 3★–5★, expired, revoked, re-rated, rated 2★, and a suspended
producer.

Safe to run again: rows are found by natural keys and only brought up to date, certificates
and batches are issued only once, pictures are drawn only when their file is missing, and the
admin password is never reset.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from oscar.templatetags.currency_filters import currency

from catalog.demo import demo_data
from catalog.demo.catalogue import (
    load_old_product_groups,
    load_product,
    load_product_classes,
    load_product_groups,
)
from catalog.demo.ocop import (
    certificate_counts,
    listed_count,
    load_batches,
    load_certificates,
)
from catalog.demo.producers import load_producers, load_quality_certifications, producer_counts
from catalog.demo.site import ensure_admin, load_country, load_django_site, load_home_page


class Command(BaseCommand):
    help = "Load the demo shop: OCOP groups, producers, products, certificates, batches, pages."

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
            # First: the admin is who verifies producers and issues certificates.
            admin = self._admin(data)
            categories, classes = self._taxonomy(data)
            producers = self._producers(data, admin=admin)
            products = self._products(data, categories, classes, producers, images=images)
            self._ocop(data, categories, producers, products, admin=admin)
            self._site(data)
        self.stdout.write(self.style.SUCCESS("Done."))

    def _admin(self, data: dict):
        spec = data["admin"]
        if ensure_admin(data):
            self.stdout.write(
                f"Admin: created {spec['username']} / {spec['password']} ({spec['email']})"
            )
        else:
            self.stdout.write(
                f"Admin: {spec['username']} already exists (password left as it was; "
                f"demo password is {spec['password']})"
            )
        return get_user_model()._default_manager.get(username=spec["username"])

    def _taxonomy(self, data: dict) -> tuple[dict, dict]:
        categories = load_product_groups(data)
        old = load_old_product_groups(data)
        sub_groups = sum(len(group["sub_groups"]) for group in data["product_groups"])
        self.stdout.write(
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
        self.stdout.write(f"Product classes: {names}")
        return categories, classes

    def _producers(self, data: dict, *, admin) -> dict:
        producers = load_producers(data, admin=admin)
        counts = producer_counts(producers)
        provinces = ", ".join(sorted({spec["province"] for spec in data["producers"]}))
        self.stdout.write(
            f"Producers: {counts['verified']} verified, {counts['suspended']} suspended, "
            f"in {provinces}"
        )
        return producers

    def _products(self, data, categories, classes, producers, *, images: bool) -> dict:
        groups = {group["slug"]: group for group in data["product_groups"]}
        partners = {code: producer.partner for code, producer in producers.items()}
        specs = data["products"]
        self.stdout.write(f"Products: {len(specs)}")
        products, drawn = {}, 0
        for position, spec in enumerate(specs):
            product, picture_drawn = load_product(
                spec,
                position,
                groups=groups,
                categories=categories,
                classes=classes,
                partners=partners,
                images=images,
            )
            products[spec["upc"]] = product
            drawn += picture_drawn
            price = currency(spec["price"], "VND")  # the shop's one VND format: 280.000 ₫
            note = " – picture drawn" if picture_drawn else ""
            counter = f"{position + 1}/{len(specs)}"
            self.stdout.write(f"  ({counter}) {product.upc} {product.title} – {price}{note}")
        if images:
            self.stdout.write(f"Pictures: {drawn} drawn, {len(specs) - drawn} already on storage")
        else:
            self.stdout.write("Pictures: skipped (--no-images)")
        return products

    def _ocop(self, data, categories, producers, products, *, admin) -> None:
        quality = load_quality_certifications(data, producers=producers)
        self.stdout.write(f"Quality certifications: {quality} (verified)")
        expired_now = load_certificates(data, products=products, categories=categories, admin=admin)
        counts = certificate_counts(products)
        by_stars = ", ".join(f"{stars}★ {n}" for stars, n in counts["valid_by_stars"].items())
        note = f" ({expired_now} marked expired today)" if expired_now else ""
        self.stdout.write(
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
            pages = " and ".join(
                f"http://{data['site']['domain']}{batch.get_absolute_url()}" for batch in examples
            )
        self.stdout.write(f"Batches: {len(batches)} (trace pages: {pages})")
        listed = listed_count(products)
        self.stdout.write(f"Listed in the shop: {listed} of {len(products)} products")

    def _site(self, data: dict) -> None:
        home, published = load_home_page(data)
        state = "published" if published else "unchanged"
        self.stdout.write(f"Home page: “{home.title}” at {home.url_path} ({state})")
        site = load_django_site(data)
        self.stdout.write(f"Site: {site.name} at {site.domain}")
        country = load_country(data)
        self.stdout.write(f"Shipping country: {country.printable_name} ({country.pk})")
