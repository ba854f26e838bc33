"""Settings shared by every run mode. The environment is read here, once (django-environ)."""

import importlib.util
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  Oscar's settings, overridden below

BASE_DIR = Path(__file__).resolve().parents[2]

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-not-secret")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Applications ---------------------------------------------------------------

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",  # trigram search on PostgreSQL; harmless on SQLite
]

OSCAR_APPS = [
    "shop.config.Shop",  # Oscar's root app minus routes that bypass the listing rule
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "oscar.apps.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig",
    "shop.catalogue.apps.CatalogueConfig",  # product page shows OCOP proof
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",  # availability follows the listing rule
    "shop.basket.apps.BasketConfig",  # bookings ask for a real arrival date
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "oscar.apps.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "search.apps.SearchConfig",  # our fork of oscar.apps.search (same label)
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
]

WAGTAIL_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.simple_translation",  # English copies of pages (docs/CMS.md says why)
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

THIRD_PARTY_APPS = [
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    "django_tasks",
    "django_tasks_db",
]

LOCAL_APPS = [
    "catalog.apps.CatalogConfig",
    "cms.apps.CmsConfig",
    "shop.demo.apps.DemoConfig",  # manage.py load_demo: one loader per app
]

INSTALLED_APPS = DJANGO_APPS + OSCAR_APPS + WAGTAIL_APPS + THIRD_PARTY_APPS + LOCAL_APPS

SITE_ID = 1
# The address people open the shop at: written into the Django and Wagtail sites by
# load_demo and into the links Wagtail's admin emails carry. `make run HOST=...` sets it.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

# Theme: one folder under themes/ holds a theme's templates/ and static/.
THEME = env("THEME", default="ocop")
THEME_DIR = BASE_DIR / "themes" / THEME

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [THEME_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "catalog.context_processors.product_groups",
            ],
        },
    },
]

# Data -------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work: immediate in the embedded default, a database queue with a worker
# (manage.py db_worker) in production.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

AUTHENTICATION_BACKENDS = (
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"

# Language and money -------------------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# VND has no minor unit; always written the Vietnamese way ("150.000 ₫"), whatever the
# page language, so a price reads the same to every shopper.
OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_CURRENCY_FORMAT = {"VND": {"locale": "vi_VN", "format": "#,##0\u00a0¤"}}

# Static and media ----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Leaflet (the CMS map) is served from here, never from a CDN: its files as the django-leaflet
# package ships them, at /static/leaflet/. Its app is not installed: its admin needs GDAL.
LEAFLET_STATIC_DIR = Path(importlib.util.find_spec("leaflet").origin).parent / "static"
STATICFILES_DIRS = [THEME_DIR / "static", LEAFLET_STATIC_DIR]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email -------------------------------------------------------------------------

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="OCOP Việt Nam <no-reply@ocop.local>")

# Oscar ---------------------------------------------------------------------------

OSCAR_SHOP_NAME = "Chợ OCOP"
OSCAR_SHOP_TAGLINE = _("OCOP-certified products of Vietnam")
OSCAR_HOMEPAGE = "/"
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_SLUG_ALLOW_UNICODE = False
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "line4", "country")
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
# Pages that render products outside catalog.selectors are not served (shop/config.py).
OSCAR_HIDDEN_FEATURES = ["reviews", "wishlists"]
THUMBNAIL_FORMAT = "JPEG"

# Oscar's stock search views import Haystack; ours (search/) do not use it.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

# Search --------------------------------------------------------------------------

SEARCH_BACKEND = env("SEARCH_BACKEND", default="database")
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")

# Wagtail -------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Chợ OCOP"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=SITE_URL)
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "docx", "xlsx", "odt", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # refuses decompression bombs

# CMS pages: where a place on the map may be (mainland and coastal islands; degrees WGS 84),
# checked on every point of sale, fair venue and tourism page.
OCOP_VIETNAM_BOUNDS = {"south": 8.1, "north": 23.4, "west": 102.1, "east": 109.5}
# The map's tiles (OpenStreetMap's; their usage policy asks for the attribution shown).
OCOP_MAP_TILES = {
    "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
}

# Payments (switched on by their keys) ------------------------------------------

STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# OCOP programme figures (DOMAIN.md): data, not constants scattered through code ---

OCOP_LISTED_MIN_STARS = 3  # only 3★–5★ are "OCOP products"
OCOP_CERTIFICATE_VALIDITY_MONTHS = 36
OCOP_CERTIFICATE_REMINDER_DAYS = (60, 30)  # producers are warned this many days before expiry
# Score bands per star level (marked "verify" in DOMAIN.md, so kept editable here).
OCOP_STAR_BANDS = {1: (0, 29), 2: (30, 49), 3: (50, 69), 4: (70, 89), 5: (90, 100)}
OCOP_SCAN_MAX_BYTES = 10 * 1024 * 1024
OCOP_IMAGE_MAX_PIXELS = 40_000_000

# Search ------------------------------------------------------------------------------

SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", default="ocop")  # noqa: F405
# Index changes are applied when the transaction commits; tests apply them at once.
SEARCH_INDEX_IMMEDIATELY = False
SEARCH_PRICE_BANDS = (100_000, 300_000, 500_000)  # VND edges of the price facet
