"""`manage.py generate_catalogue --products N [--producers M] [--seed S]`: a realistic
national-scale catalogue for benchmarks (shop/demo/generator.py)."""

import time

from django.core.management.base import BaseCommand

from shop.demo.generator import generate_catalogue


class Command(BaseCommand):
    help = "Generate a realistic OCOP catalogue of N products (bulk inserts) and index it."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, required=True)
        parser.add_argument("--producers", type=int, help="default: one per 1.8 products")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, products, producers=None, seed=2026, **options):
        started = time.perf_counter()
        generated = generate_catalogue(
            products=products, producers=producers, seed=seed, progress=self._progress
        )
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"{generated.products} products from {generated.producers} producers in "
                f"{time.perf_counter() - started:.0f} s; {generated.listable} listable, "
                f"{generated.indexed} indexed."
            )
        )

    def _progress(self, step: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        bar = "#" * filled + "." * (width - filled)
        self.stdout.write(f"\r{step:<14} [{bar}] {done}/{total}", ending="")
        self.stdout.flush()
