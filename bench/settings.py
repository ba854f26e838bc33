"""The production settings, served by gunicorn for `bench.run`, plus one trivial view
(bench/urls.py) that measures the floor: what any request costs before a page does work."""

from shop.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
