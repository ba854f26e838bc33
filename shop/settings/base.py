"""Settings shared by every run mode. The environment is read here, once (django-environ)."""

import importlib.util
from pathlib import Path

import environ
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  Oscar's settings, overridden below

from shop.dashboard import nav as dashboard_nav

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
    # Translated model fields (title_vi, title_en…): before the admin, as it asks.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",  # Oscar's dashboard needs it; its pages are not served
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",  # trigram search on PostgreSQL; harmless on SQLite
]

OSCAR_APPS = [
    "shop.config.Shop",  # Oscar's root app minus routes that bypass the listing rule
    "shop.analytics.apps.AnalyticsConfig",  # counts off the request's transaction
    "shop.checkout.apps.CheckoutConfig",  # Vietnamese address, payment methods, totals checked
    "shop.address.apps.AddressConfig",  # province + commune, Vietnamese mobile numbers
    "shop.shipping.apps.ShippingConfig",  # per-producer charges from a rate table
    "shop.catalogue.apps.CatalogueConfig",  # product page shows OCOP proof
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",  # availability follows the listing rule
    "shop.basket.apps.BasketConfig",  # bookings ask for a real arrival date
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",  # stock under row locks, one shipment per producer
    "oscar.apps.customer.apps.CustomerConfig",
    "search.apps.SearchConfig",  # our fork of oscar.apps.search (same label)
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",  # officers let in; producers sent to their pages
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",  # staff only (catalog.permissions)
    "shop.dashboard.catalogue.apps.CatalogueDashboardConfig",  # staff only: producers use
    # the producer portal (shop/dashboard/producer/), whose writes go through catalog.services
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",  # its routes are off (shop/config)
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
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
    "csp",  # Content-Security-Policy header and {{ request.csp_nonce }} (shop/security/)
    "auditlog",  # the audit trail of certificates, listings, prices, stock (catalog/audit.py)
]

LOCAL_APPS = [
    "catalog.apps.CatalogConfig",
    "cms.apps.CmsConfig",
    "shop.demo.apps.DemoConfig",  # manage.py load_demo: one loader per app
    "shop.payments.apps.PaymentsConfig",  # COD, VietQR, Stripe; the producers' payout ledger
    "outbox.apps.OutboxConfig",  # e-mails queued with their event, sent by the task worker
]

INSTALLED_APPS = DJANGO_APPS + OSCAR_APPS + WAGTAIL_APPS + THIRD_PARTY_APPS + LOCAL_APPS

SITE_ID = 1
# The address people open the shop at: written into the Django and Wagtail sites by
# load_demo and into the links Wagtail's admin emails carry. `make run HOST=...` sets it.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (shop/security/).
    "shop.security.middleware.ContentSecurityPolicyMiddleware",
    "shop.security.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A product, list or search page every anonymous visitor sees alike, from the cache,
    # before the rest runs (search/page_cache.py).
    "search.page_cache.SharedPageMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # 429 for logins, sign-up, /verify/ and order lookups over their rate (shop/security/).
    "shop.security.ratelimit.RateLimitMiddleware",
    # Names the signed-in user as the author of what the request changes (catalog/audit.py).
    "auditlog.middleware.AuditlogMiddleware",
    # Writes refused attempts on someone else's object to the audit trail (catalog/audit.py).
    "catalog.audit.RefusalMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "shop.basket.middleware.BasketMiddleware",  # offers asked once per request
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
                "shop.context_processors.product_groups",  # catalog's, cached
            ],
        },
    },
]

# Data -------------------------------------------------------------------------


def sqlite_for_concurrent_requests(database: dict) -> dict:
    """Settings that let SQLite serve concurrent requests, each atomic (ATOMIC_REQUESTS);
    any other database is returned untouched. Options given in DATABASE_URL win.

    A deferred SQLite transaction that has read and then writes must upgrade its lock, and
    fails at once with "database is locked" if another connection wrote meanwhile; no busy
    timeout helps. IMMEDIATE takes the write lock at BEGIN, so such a request waits (up to
    the busy timeout) instead of failing. The price: requests, read-only ones included, run
    their view one at a time (docs/PRODUCTION.md gives the figures). WAL lets reads outside
    a transaction (the session and basket middleware) go on while one request writes;
    synchronous=NORMAL is WAL's usual pairing: no corruption on a crash, at worst the last
    transactions lost on a power cut.
    """
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return database
    options = database.setdefault("OPTIONS", {})
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault("timeout", 20)  # seconds a request waits for the lock; < gunicorn's 30
    options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
    return database


def postgresql_statements_prepared(database: dict) -> dict:
    """PostgreSQL: parameters bound by the server, so that psycopg prepares a statement a
    connection has sent `prepare_threshold` times and PostgreSQL stops planning it anew.
    The storefront's statements carry the listing rule's nested EXISTS: planning one took
    3 ms, longer than running it (0.4 ms). Behind PgBouncer in transaction mode, only from
    its version 1.21 on (docs/SCALING.md)."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        return database
    options = database.setdefault("OPTIONS", {})
    options.setdefault("server_side_binding", True)
    options.setdefault("prepare_threshold", 5)
    return database


def database_from(config: dict) -> dict:
    return postgresql_statements_prepared(sqlite_for_concurrent_requests(config))


DATABASES = {
    "default": database_from(
        env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, but Redis down means cache misses, not 500s (shop/cache.py).
            "BACKEND": "shop.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
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
# Product content in both languages (django-modeltranslation; each app's translation.py names
# the fields): Vietnamese is the text of record, and what /en/ shows where no English is
# written (marked as such: catalog/templatetags/ocop_i18n.py).
MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("vi",)}
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Vietnamese dates as people write them (25/11/2026, 14:30): shop/formats/vi (issue 12).
FORMAT_MODULE_PATH = ["shop.formats"]

# VND has no minor unit; always written the Vietnamese way ("150.000 ₫"), whatever the
# page language, so a price reads the same to every shopper.
OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_CURRENCY_FORMAT = {"VND": {"locale": "vi_VN", "format": "#,##0\u00a0¤"}}
# Phone numbers typed without a country code are Vietnamese (0912 345 678). Stored and
# exported in E.164 (str() of a phone field); pages and emails show them the Vietnamese way
# through the `phone` filter (catalog/templatetags/ocop_phone.py).
PHONENUMBER_DEFAULT_REGION = "VN"
PHONENUMBER_DEFAULT_FORMAT = "E164"

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
# Files larger than this are streamed to a temporary file on disk, never held in memory;
# every upload field refuses a file by its size (upload.size) before reading any of it.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email -------------------------------------------------------------------------

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="OCOP Việt Nam <no-reply@ocop.local>")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# A mail server that accepts the connection and then hangs holds a worker no longer than
# this; the e-mail stays in the outbox and is tried again (outbox/services.py).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

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
# sorl saves at 95 by default: 80 looks the same on a phone at a third less weight (issue 12).
THUMBNAIL_QUALITY = 80

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
# CMS documents follow the shop's document rule (catalog.validators.validate_document: what the
# name says, no script in a PDF), at most OCOP_DOCUMENT_MAX_BYTES (below). Every document is
# served through Wagtail's view as a download, with its "default-src 'none'" policy and
# nosniff, never opened inline in the shop's origin (not even a PDF).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.forms.DocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# CMS image uploads follow the shop's one image rule: see OCOP_IMAGE_* below.
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.forms.ImageForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]  # catalog.validators.IMAGE_FORMATS

# CMS pages: where a place on the map may be (mainland and coastal islands; degrees WGS 84),
# checked on every point of sale, fair venue and tourism page.
OCOP_VIETNAM_BOUNDS = {"south": 8.1, "north": 23.4, "west": 102.1, "east": 109.5}
# The map's tiles (OpenStreetMap's; their usage policy asks for the attribution shown).
OCOP_MAP_TILES = {
    "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
}

# Checkout and payments -----------------------------------------------------------
# Each payment method is offered only when its settings are present (shop/payments/).

PAYMENT_METHODS = [
    "shop.payments.cod.CashOnDelivery",
    "shop.payments.vietqr.VietQRTransfer",
    "shop.payments.stripe.facade.StripeCard",
]
# Cash on delivery: orders above this total (VND) must be paid in advance.
COD_MAX_ORDER_TOTAL = env.int("COD_MAX_ORDER_TOTAL", default=5_000_000)
# VietQR bank transfer (NAPAS): switched on by the receiving account. The bank's BIN is
# its 6-digit NAPAS code (e.g. 970436 Vietcombank).
VIETQR_BANK_BIN = env("VIETQR_BANK_BIN", default="")
VIETQR_BANK_NAME = env("VIETQR_BANK_NAME", default="")
VIETQR_ACCOUNT_NUMBER = env("VIETQR_ACCOUNT_NUMBER", default="")
VIETQR_ACCOUNT_NAME = env("VIETQR_ACCOUNT_NAME", default="")
VIETQR_DEMO = env.bool("VIETQR_DEMO", default=False)  # says "demo account" on every page
# Unpaid transfers (and abandoned card payments) expire and release their stock.
VIETQR_EXPIRY_HOURS = env.int("VIETQR_EXPIRY_HOURS", default=24)
STRIPE_EXPIRY_MINUTES = env.int("STRIPE_EXPIRY_MINUTES", default=60)
# Stripe cards: switched on by all three keys.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")  # tests point it at localstripe
# Shipping: the carrier quoting each producer's parcel; the rate table is the default.
SHIPPING_CARRIER = "shop.shipping.carriers.RateTableCarrier"
SHIPPING_DEFAULT_ITEM_WEIGHT_GRAMS = 500  # for products without a "weight" attribute
# Producer payouts: the marketplace's commission on delivered-and-paid lines, in basis
# points (1000 = 10%); shipping charges go to the producer without commission.
PAYOUT_COMMISSION_BASIS_POINTS = env.int("PAYOUT_COMMISSION_BASIS_POINTS", default=1000)
OSCAR_ORDER_STATUS_PIPELINE = {
    "placed": ("paid", "cancelled", "complete"),
    "awaiting-payment": ("paid", "expired", "cancelled"),
    "paid": ("complete", "cancelled"),
    "complete": (),
    "expired": (),
    "cancelled": (),
}
# Pages are published with Wagtail (cms/): Django's flat pages are not served and Oscar's
# dashboard for them is off (shop/config.py), so one editor and one sanitised rich-text path
# serve every page.
OSCAR_DASHBOARD_NAVIGATION = [  # noqa: F405
    {
        **section,
        "children": [c for c in section["children"] if c.get("url_name") != "dashboard:page-list"],
    }
    if "children" in section
    else section
    for section in OSCAR_DASHBOARD_NAVIGATION  # noqa: F405
]
OSCAR_DASHBOARD_NAVIGATION += [
    {
        "label": _("My producer"),
        "icon": "fas fa-store",
        "access_fn": dashboard_nav.producer,
        "children": [
            {
                "label": _("Home"),
                "url_name": "producer-dashboard:index",
                "access_fn": dashboard_nav.producer,
            },
            {
                "label": _("Products"),
                "url_name": "producer-dashboard:products",
                "access_fn": dashboard_nav.producer,
            },
            {
                "label": _("Stock"),
                "url_name": "producer-dashboard:stock",
                "access_fn": dashboard_nav.producer,
            },
            {
                "label": _("Batches"),
                "url_name": "producer-dashboard:batches",
                "access_fn": dashboard_nav.producer,
            },
            {
                "label": _("Certificates"),
                "url_name": "producer-dashboard:certificates",
                "access_fn": dashboard_nav.producer,
            },
            {
                "label": _("Sales"),
                "url_name": "producer-dashboard:sales",
                "access_fn": dashboard_nav.producer,
            },
        ],
    },
    {
        "label": _("Province OCOP office"),
        "icon": "fas fa-landmark",
        "access_fn": dashboard_nav.officer,
        "children": [
            {
                "label": _("To review"),
                "url_name": "province-dashboard:index",
                "access_fn": dashboard_nav.officer,
            },
            {
                "label": _("Producers"),
                "url_name": "province-dashboard:producers",
                "access_fn": dashboard_nav.officer,
            },
            {
                "label": _("Certificates"),
                "url_name": "province-dashboard:certificates",
                "access_fn": dashboard_nav.officer,
            },
            {
                "label": _("Statistics"),
                "url_name": "province-dashboard:statistics",
                "access_fn": dashboard_nav.officer,
            },
        ],
    },
    {
        "label": _("Shipments and payments"),
        "icon": "fas fa-truck",
        "access_fn": dashboard_nav.fulfilment,
        "children": [
            {
                "label": _("Shipments"),
                "url_name": "shop-dashboard:shipments",
                "access_fn": dashboard_nav.fulfilment,
            },
            {
                "label": _("Bank transfers"),
                "url_name": "shop-dashboard:transfers",
                "access_fn": dashboard_nav.staff,
            },
            {
                "label": _("Producer payouts"),
                "url_name": "shop-dashboard:payouts",
                "access_fn": dashboard_nav.fulfilment,
            },
            {
                "label": _("Audit trail"),
                "url_name": "audit-trail",
                "access_fn": dashboard_nav.staff,
            },
        ],
    },
]

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
# Every uploaded picture (catalog.validators.validate_image): product and category images,
# producer photos, certificate scans, CMS images. Wagtail's own upload checks read the same.
OCOP_IMAGE_MAX_PIXELS = 40_000_000
OCOP_IMAGE_MAX_BYTES = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = OCOP_IMAGE_MAX_PIXELS
WAGTAILIMAGES_MAX_UPLOAD_SIZE = OCOP_IMAGE_MAX_BYTES
# CMS documents (catalog.validators.validate_document); Wagtail checks the size first.
OCOP_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = OCOP_DOCUMENT_MAX_BYTES

# Search ------------------------------------------------------------------------------

SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", default="ocop")  # noqa: F405
# Index changes are applied when the transaction commits; tests apply them at once.
SEARCH_INDEX_IMMEDIATELY = False
SEARCH_PRICE_BANDS = (100_000, 300_000, 500_000)  # VND edges of the price facet
# Search answers are cached under the catalog's version (search.models.CatalogVersion), so
# this only bounds how long an unused answer stays in the cache.
SEARCH_CACHE_SECONDS = 3600
# Whole product, list and search pages for visitors with no session, basket or message
# (search/page_cache.py), keyed on the content version: this only bounds how long a page
# nobody asks for again stays in the cache.
SHARED_PAGE_SECONDS = 600
# Product views and basket additions are added up in each worker and written together this
# often (and when the worker exits): shop/analytics/receivers.py. The embedded default and
# the tests write each at once.
ANALYTICS_WRITE_EVERY_SECONDS = 10

# Open data: the public read API, its exports and the shopping feeds (shop/api/, docs/API.md)

INSTALLED_APPS += [  # noqa: F405
    "rest_framework",
    "rest_framework.authtoken",  # partners' tokens, created by staff in Django's admin
    "django_filters",
    "drf_spectacular",
    "corsheaders",
]
# Both only act on /api/ and /feeds/ (CORS_URLS_REGEX, shop.api.caching.OPEN_DATA_PATHS).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.common.CommonMiddleware"),
    "corsheaders.middleware.CorsMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("corsheaders.middleware.CorsMiddleware") + 1,
    "shop.api.caching.OpenDataCaching",
)
REST_FRAMEWORK = {
    # Read-only for everyone; a partner's token only raises its rate limit.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "shop.api.policies.AnonymousRate",
        "shop.api.policies.PartnerRate",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anonymous": env("API_ANONYMOUS_RATE", default="120/minute"),
        "partner": env("API_PARTNER_RATE", default="1200/minute"),
    },
    # Anonymous clients are counted by address: X-Forwarded-For is believed only from this
    # many proxies in front (0: the connection's own address, so it cannot be forged).
    "NUM_PROXIES": env.int("API_NUM_PROXIES", default=0),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Chợ OCOP open data API",
    "DESCRIPTION": "OCOP products, producers, certificates, provinces, points of sale and fairs.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["shop.api.schema.only_open_data"],
}
CORS_URLS_REGEX = r"^/(api|feeds)/.*$"
CORS_ALLOW_ALL_ORIGINS = True  # public data; no cookies are read on these paths
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
API_CACHE_SECONDS = 300  # how long browsers and proxies may reuse an answer

# Security headers (shop/security/, docs/RELIABILITY.md) ----------------------------

# What our pages may load: our own files, OpenStreetMap's map tiles and Stripe's card form
# (its script, its API and its 3-D Secure frames), nothing else. Inline scripts run only
# with the request's nonce (<script nonce="{{ request.csp_nonce }}">). Inline styles stay
# allowed: Oscar's templates and Leaflet write style attributes, and a style cannot run
# code. Bootstrap's CSS draws its form icons as data: images.
_STRIPE_JS = "https://js.stripe.com"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE, _STRIPE_JS],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https://tile.openstreetmap.org", "https://*.stripe.com"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'", "https://api.stripe.com"],
        # Stripe's card and 3-D Secure frames; the CMS's video embeds (YouTube, Vimeo).
        "frame-src": [
            _STRIPE_JS,
            "https://hooks.stripe.com",
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Wagtail's admin writes inline scripts without a nonce and frames its own previews
# (shop.security.middleware.ContentSecurityPolicyMiddleware picks this policy there).
# DRF's browsable API (the API's human docs page, /api/v1/) writes one inline script too.
CSP_RELAXED_PATH_PREFIXES = ("/cms/", "/api/")
CONTENT_SECURITY_POLICY_CMS = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "frame-ancestors": ["'self'"],
    },
}
# Wagtail would show avatars from gravatar.com, sending every editor's e-mail hash there.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Only the map asks for the shopper's location (nearest points of sale); Stripe's frame may
# use the Payment Request API. Everything else is off.
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    "payment": ["self", f'"{_STRIPE_JS}"'],
    "camera": [],
    "microphone": [],
    "usb": [],
    "magnetometer": [],
    "gyroscope": [],
    "accelerometer": [],
}
# OpenStreetMap's tile policy asks for a Referer: send our origin (never the path) to
# other sites, the full address within the shop.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No site frames our pages (CSP frame-ancestors says the same); Wagtail marks its own
# preview view SAMEORIGIN for its preview panel.
X_FRAME_OPTIONS = "DENY"

# Throttling (shop/security/ratelimit.py): per client address, counted in the cache (Redis in
# production, so every worker shares the counts). Rates are "requests/period" (s, m, h, d).
_LOGIN_RATE = {"rate": env("LOGIN_RATE", default="10/m"), "methods": ["POST"]}
OCOP_RATELIMITS = {
    "customer:login": _LOGIN_RATE,  # the shop's login (shoppers, producers, officers)
    "dashboard:login": _LOGIN_RATE,
    "wagtailadmin_login": _LOGIN_RATE,
    "admin:login": _LOGIN_RATE,
    # Each sends an e-mail: a script must not turn the shop into a mail cannon.
    "password-reset": {"rate": "5/h", "methods": ["POST"]},
    "wagtailadmin_password_reset": {"rate": "5/h", "methods": ["POST"]},
    "producer-signup": {"rate": env("SIGNUP_RATE", default="5/h"), "methods": ["POST"]},
    # Guessing decision numbers or order numbers one after another.
    "catalog:verify": {"rate": env("VERIFY_RATE", default="30/m"), "methods": ["GET"]},
    "order-lookup": {"rate": env("ORDER_LOOKUP_RATE", default="10/m"), "methods": ["POST"]},
}
# Behind a reverse proxy every request comes from the proxy's address: name the header in
# which the proxy appends the client's (e.g. HTTP_X_FORWARDED_FOR) in production.
RATELIMIT_CLIENT_IP_HEADER = env("RATELIMIT_CLIENT_IP_HEADER", default="")
# With the cache unreachable nothing can be counted: let requests through rather than
# refuse every login (the shop stays usable while Redis is down; it is logged).
RATELIMIT_FAIL_OPEN = True
# Browse, category and search pages stop at this page (issue 13: deep OFFSETs cost more
# than anyone reads; filters narrow instead).
SEARCH_MAX_PAGE = 100
