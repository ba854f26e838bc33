"""`manage.py search_index --rebuild`: rebuilds every product index from the catalog.
Elasticsearch gets a new index swapped in behind its alias, so search never goes dark."""

import sys

from django.core.management.base import BaseCommand

from catalog import selectors
from search.backends import index_backends
from search.indexing import live_pages, page_document, product_documents


class Command(BaseCommand):
    help = "Rebuild the search indexes of listable products (zero downtime on Elasticsearch)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Rebuild from scratch.")

    def handle(self, *args, rebuild=False, **options):
        if not rebuild:
            self.stderr.write("Nothing to do: use --rebuild.")
            sys.exit(2)
        total = selectors.listable_products().count()
        for backend in index_backends():
            count = backend.rebuild(product_documents(), progress=self._bar(backend.name, total))
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"{backend.name}: {count} products indexed"))
            pages = backend.rebuild_pages([page_document(page) for page in live_pages()])
            self.stdout.write(self.style.SUCCESS(f"{backend.name}: {pages} pages indexed"))

    def _bar(self, name, total):
        def progress(done):
            width = 30
            filled = width * done // total if total else width
            self.stdout.write(
                f"\r{name:<14} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=""
            )
            self.stdout.flush()

        return progress
