"""Tests: SQLite in memory unless DATABASE_URL names another database (CI: PostgreSQL)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
DATABASES = {
    "default": database_from(  # noqa: F405
        env.db("DATABASE_URL", default="sqlite://:memory:")  # noqa: F405
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
SEARCH_INDEX_IMMEDIATELY = True  # pytest-django never commits its transactions
ANALYTICS_WRITE_EVERY_SECONDS = 0  # every product view and basket add counted at once
# Tests that walk the open data API are not rate-limited; tests/functional/api/test_throttling.py
# sets its own low rates.
REST_FRAMEWORK = {  # noqa: F405
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anonymous": "100000/minute", "partner": "100000/minute"},
}
# Tests hammer forms (hypothesis) faster than any person; throttling is switched on by the
# tests of it (tests/functional/security/test_rate_limits.py).
RATELIMIT_ENABLE = False
# A second alias on the same database, as a read replica is seen by the code
# (shop/db_router.py; its tests switch the router on). Django's test mirror: no copy.
DATABASES["replica"] = {**DATABASES["default"], "ATOMIC_REQUESTS": False}
DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
