"""The embedded default: SQLite, database search, local memory cache, demo data."""

from .base import *  # noqa: F403

DEBUG = env.bool("DJANGO_DEBUG", default=True)  # noqa: F405
INTERNAL_IPS = ["127.0.0.1"]
ANALYTICS_WRITE_EVERY_SECONDS = 0  # every product view and basket add counted at once

# A clearly fake receiving account so `make run` offers VietQR; every page says it is a demo.
if not VIETQR_ACCOUNT_NUMBER:  # noqa: F405
    VIETQR_BANK_BIN = "970436"
    VIETQR_BANK_NAME = "Vietcombank (tài khoản demo)"
    VIETQR_ACCOUNT_NUMBER = "0000000000"
    VIETQR_ACCOUNT_NAME = "CHO OCOP DEMO"
    VIETQR_DEMO = True
