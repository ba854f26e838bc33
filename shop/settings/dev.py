"""The embedded default: SQLite, database search, local memory cache, demo data."""

from .base import *  # noqa: F403

DEBUG = env.bool("DJANGO_DEBUG", default=True)  # noqa: F405
INTERNAL_IPS = ["127.0.0.1"]
