"""Stock django-oscar 4.2, as its documentation sets up a new project: Oscar's own
INSTALLED_APPS (no forked app), its middleware and context processors, its stock search
(`oscar.apps.search` on django-haystack) and its default strategy. Served by gunicorn for
`bench.run --against-stock-oscar`, next to the shop, on its own database. Only what a fair
comparison needs differs from the defaults: DEBUG off, the same cache choice as the shop
(Redis when REDIS_URL is set, else local memory), the shop's currency and page size.

Not part of the shop: nothing here is imported by it."""

import os
import warnings
from pathlib import Path

import environ
from oscar import INSTALLED_APPS as OSCAR_APPS
from oscar.defaults import *  # noqa: F403

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / ".data"

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DATABASES = {
    "default": environ.Env.db_url_config(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA / 'stock-oscar.sqlite3'}")
    )
}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "stock-oscar",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Oscar's documented list; sorl-thumbnail is its default thumbnailer.
INSTALLED_APPS = [*OSCAR_APPS, "sorl.thumbnail"]
SITE_ID = 1
ROOT_URLCONF = "bench.stock_oscar.urls"
WSGI_APPLICATION = "bench.stock_oscar.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
            ],
        },
    }
]
AUTHENTICATION_BACKENDS = (
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
# Whoosh, configured as haystack documents it (an engine and a folder). Not haystack's
# simple backend, which Oscar's getting-started page still shows: since Oscar 3.2.5 the
# catalogue and category pages are haystack searches (oscar.apps.search.views.catalogue),
# whose filters `is_public="true"` and `structure__in=[...]` the simple backend turns into
# words to find with `icontains` in the product's text columns (keeping only the last
# word's matches), so they list nothing (django-oscar issue #4366). Oscar's own sandbox
# runs Whoosh too, with INCLUDE_SPELLING on; left off here: haystack then builds a
# spelling suggestion on every search, the browse pages' included, which took 2.5 s of
# the 3 s of stock Oscar's catalogue page at 10,000 products (cProfile, in-process).
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        # One index per stock database, built by `python -m bench.stock_oscar.dataset load`.
        "PATH": os.environ.get("WHOOSH_INDEX", str(DATA / "stock-oscar-whoosh")),
    }
}
# Oscar asks every search for its price-range facets; Whoosh has no facets and says so in
# each process (Oscar's FacetMunger expects it: the pages show no facets on Whoosh).
warnings.filterwarnings("ignore", "Whoosh does not handle")

USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
STATIC_URL = "/static/"
STATIC_ROOT = DATA / "stock-oscar-static"
MEDIA_URL = "/media/"
# Holds Oscar's image_not_found.jpg (copied by `bench.stock_oscar.dataset`, as Oscar's
# docs ask), the picture of every product here, as in the generated catalogue.
MEDIA_ROOT = DATA / "stock-oscar-media"
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_PRODUCTS_PER_PAGE = int(os.environ.get("OSCAR_PRODUCTS_PER_PAGE", "24"))  # the shop's
