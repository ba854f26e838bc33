"""`manage.py load_demo`: a browsable demo shop, filled by one loader per app
(shop/demo/loaders/: the shop's admin, site and shipping country; the catalog's OCOP products
in every OCOP state; the CMS home page).

Safe to run again: rows are found by natural keys and only brought up to date, certificates
and batches are issued only once, pictures are drawn only when their file is missing, and the
admin password is never reset. Addresses follow the SITE_URL setting (`make run HOST=...`
sets it).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from shop.demo.base import Demo, SiteAddress
from shop.demo.loaders import LOADERS


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
        demo = Demo(stdout=self.stdout, site=SiteAddress.parse(settings.SITE_URL), images=images)
        with transaction.atomic():
            for loader in LOADERS:
                loader.load(demo)
        self.stdout.write(self.style.SUCCESS(f"Done. The shop: {demo.site.url}/"))
