"""Every run mode on SQLite opens it ready for concurrent atomic requests (WAL, IMMEDIATE
transactions, a busy timeout); on PostgreSQL the server binds the parameters, so that
statements a connection sends again are prepared once and not planned again.

Each case runs in a fresh interpreter, as in test_settings.py.
"""

import json

import pytest
from django.db import connection

from catalog import selectors
from tests.integration.test_settings import PRODUCTION, show

# What a connection of the run mode really is, not only what its settings say.
SHOW_CONNECTION = """
import django, json; django.setup()
from django.db import connection
db = connection.settings_dict
result = {"vendor": connection.vendor, "atomic": db["ATOMIC_REQUESTS"],
          "options": db.get("OPTIONS", {})}
if connection.vendor == "sqlite":
    with connection.cursor() as cursor:
        for pragma in ("journal_mode", "synchronous", "busy_timeout"):
            result[pragma] = cursor.execute(f"PRAGMA {pragma}").fetchone()[0]
    result["transaction_mode"] = connection.transaction_mode
print(json.dumps(result))
"""


def connection_of(settings_module, **variables):
    result = show(settings_module, code=SHOW_CONNECTION, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_embedded_default_opens_its_file_in_wal_mode_with_immediate_transactions(tmp_path):
    seen = connection_of("shop.settings.dev", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")

    assert seen["atomic"] is True
    assert seen["transaction_mode"] == "IMMEDIATE"
    assert seen["journal_mode"] == "wal"
    assert seen["synchronous"] == 1  # NORMAL
    assert seen["busy_timeout"] == 20_000  # milliseconds


def test_production_on_sqlite_gets_the_same_options(tmp_path):
    seen = connection_of(
        "shop.settings.production",
        **{**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
    )

    assert (seen["transaction_mode"], seen["journal_mode"]) == ("IMMEDIATE", "wal")


def test_tests_on_sqlite_in_memory_use_immediate_transactions_too():
    seen = connection_of("shop.settings.test")

    assert seen["transaction_mode"] == "IMMEDIATE"
    assert seen["journal_mode"] == "memory"  # WAL does not apply to a database in memory


def test_options_in_database_url_win(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}?transaction_mode=DEFERRED&timeout=5"

    seen = connection_of("shop.settings.dev", DATABASE_URL=url)

    assert (seen["transaction_mode"], seen["busy_timeout"]) == ("DEFERRED", 5_000)
    assert seen["journal_mode"] == "wal"


def test_postgresql_binds_parameters_on_the_server_and_prepares_repeated_statements():
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default']))"
    )
    result = show("shop.settings.production", code=code, **PRODUCTION)

    assert result.returncode == 0, result.stderr
    database = json.loads(result.stdout)
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": 5}


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_storefront_query_sent_again_is_planned_once():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's (CI runs this on PostgreSQL)")
    # The listing rule's nested EXISTS is what planning cost 3 ms a statement.
    for _ in range(7):
        list(selectors.listable_products().filter(pk=1))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%catalog_certificate%"],
        )
        assert cursor.fetchone()[0] == 1
