"""Production (docker-compose): every secret comes from the environment, or start-up fails."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
# No defaults: a missing value raises ImproperlyConfigured before the server starts.
SECRET_KEY = env("DJANGO_SECRET_KEY")  # noqa: F405
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")  # noqa: F405
if not ALLOWED_HOSTS:
    # An empty list would start a server that answers every request with 400.
    raise ImproperlyConfigured("ALLOWED_HOSTS is empty: set it to the site's host names.")
DATABASES = {"default": database_from(env.db("DATABASE_URL"))}  # noqa: F405
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405
# A kept connection is checked before a request reuses it: after PostgreSQL restarts, each
# worker reconnects instead of answering one 500 per dead connection (docs/RELIABILITY.md).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# A PostgreSQL read replica (docs/SCALING.md): read-only requests read from it.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")  # noqa: F405
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = database_from(env.db_url_config(DATABASE_REPLICA_URL))  # noqa: F405
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASE_ROUTERS = ["shop.db_router.ReplicaRouter"]
    MIDDLEWARE = ["shop.db_router.ReadOnlyRequestsToReplica", *MIDDLEWARE]  # noqa: F405
    REPLICA_LAG_SECONDS = env.int("REPLICA_LAG_SECONDS", default=10)  # noqa: F405

SEARCH_BACKEND = env("SEARCH_BACKEND", default="elasticsearch")  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible storage (docs/SCALING.md), so any web worker serves any upload:
# needs the optional dependency `pip install ".[s3]"` (django-storages with boto3).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")  # noqa: F405
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),  # noqa: F405  MinIO, …
            "region_name": env("AWS_S3_REGION_NAME", default=None),  # noqa: F405
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default=None),  # noqa: F405  a CDN
            "querystring_auth": False,  # public product pictures: stable, cacheable URLs
            "file_overwrite": False,
        },
    }

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)  # noqa: F405
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# HTTPS: TLS terminates at the reverse proxy in front of gunicorn, which sets
# X-Forwarded-Proto and normally redirects http:// to https:// itself. Django redirecting
# too would be redundant, and would break a plain-HTTP local stack and the container
# healthcheck, so it is off unless SECURE_SSL_REDIRECT=true (a proxy that does not redirect).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)  # noqa: F405
# HSTS is only sent on HTTPS responses. Start short (one hour) so a mistake can be undone,
# then raise it to a year (31536000) once every page and subdomain works over HTTPS.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=3600)  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)  # noqa: F405
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)  # noqa: F405
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# `manage.py check --deploy` must report nothing (tests/integration/test_deploy_check.py).
# The two checks silenced here are decisions taken on purpose, stated above:
SILENCED_SYSTEM_CHECKS = [
    # security.W008 (SECURE_SSL_REDIRECT off): TLS terminates at the reverse proxy, which
    # redirects http:// to https:// itself (set SECURE_SSL_REDIRECT=true if yours does not).
    "security.W008",
    # security.W021 (HSTS preload off): joining browsers' preload list is hard to undo and is
    # the domain owner's decision, taken once HSTS has run a year without trouble.
    "security.W021",
]
OSCAR_URL_SCHEMA = "https"
