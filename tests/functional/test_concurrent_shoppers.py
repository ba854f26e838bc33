"""Eight shoppers at once: product pages and basket adds never answer 5xx.

A real server (gunicorn: two worker processes of four threads, so eight requests run at
the same time in two processes) serves the embedded default, a SQLite *file*, and, when
the suite runs on it, PostgreSQL. Each round the eight shoppers (fresh sessions) open the
same product page and add the same other product to their baskets at the same moment;
every product is new to the shop when its round starts, so the first view and the first
basket add of each race to create its analytics record.
"""

import json
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest
import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
SHOPPERS = 8
ROUNDS = 16  # 8 shoppers x 16 rounds x 2 requests = 256 requests
SERVER_START_SECONDS = 90


def seed_shop(rounds=ROUNDS):
    """Listable products: one to view and one to add per round. Returns their URLs."""
    from catalog.models import Commune, Province
    from catalog.places import load_places
    from tests.factories import make_ocop_product, make_producer

    if not Province.objects.exists():  # a flushed PostgreSQL test database
        load_places(Province, Commune)
    producer = make_producer(name="HTX Mật ong Con Cuông")
    plan = []
    for round_ in range(rounds):
        viewed = make_ocop_product(title=f"Mật ong rừng {round_}", producer=producer, stock=100)
        added = make_ocop_product(title=f"Trà hoa vàng {round_}", producer=producer, stock=100)
        plan.append((viewed.get_absolute_url(), f"/basket/add/{added.pk}/"))
    return plan


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url, tmp_path):
    env = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="shop.settings.dev",  # what `make run` serves
        DJANGO_DEBUG="false",
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1",
        MEDIA_ROOT=str(tmp_path / "media"),
        LOG_LEVEL="WARNING",
    )
    env.pop("REDIS_URL", None)
    return env


class Server:
    """gunicorn serving shop.wsgi on a free port of the loopback, stopped on exit."""

    def __init__(self, database_url, tmp_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / "gunicorn.log"
        self.env = server_env(database_url, tmp_path)

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "shop.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("w"),
        )
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn exited:\n{self.log.read_text()}")
            try:
                # A page without product pictures: the burst below is then also the
                # first to need Oscar's "no picture" image, which used to race
                # (shop.catalogue.models.MissingImage).
                requests.get(f"{self.url}/verify/", timeout=30).raise_for_status()
                return self
            except requests.ConnectionError:
                time.sleep(0.2)
        self.__exit__()
        pytest.fail(f"gunicorn did not answer within {SERVER_START_SECONDS} s")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def errors(self):
        """The exceptions the server logged, with how often each."""
        found = re.findall(r"^[\w.]+(?:Error|Exception): .*$", self.log.read_text(), re.MULTILINE)
        return [f"{count} x {line}" for line, count in Counter(found).most_common()]


def shop_at_once(url, plan):
    """SHOPPERS threads, each round a fresh session viewing then adding; the statuses."""
    barrier = threading.Barrier(SHOPPERS)
    results = []  # (kind, status)

    def shopper(_):
        for product_page, basket_add in plan:
            barrier.wait(timeout=120)
            browser = requests.Session()
            # A CSRF cookie of the client's own (Django accepts any well-formed one), so
            # the basket add is measured even when the product page failed.
            token = secrets.token_hex(16)
            browser.cookies.set("csrftoken", token, domain="127.0.0.1")
            page = browser.get(url + product_page, timeout=60)
            results.append(("view", page.status_code))
            added = browser.post(
                url + basket_add,
                data={"quantity": 1, "csrfmiddlewaretoken": token},
                headers={"Referer": url + product_page},
                allow_redirects=False,
                timeout=60,
            )
            results.append(("add", added.status_code))

    with ThreadPoolExecutor(SHOPPERS) as pool:
        list(pool.map(shopper, range(SHOPPERS)))
    return results


def summary(results):
    """{"view": {200: 127, 500: 1}, "add": {...}}"""
    by_kind = {}
    for kind, status in results:
        by_kind.setdefault(kind, Counter())[status] += 1
    return {kind: dict(statuses) for kind, statuses in by_kind.items()}


COUNTS_SQL = (
    "SELECT COALESCE(SUM(num_views), 0), COALESCE(SUM(num_basket_additions), 0) "
    "FROM analytics_productrecord"
)
LINES_SQL = "SELECT COUNT(*) FROM basket_line"


def assert_every_shopper_served(results, server, counts, lines):
    failures = [status for _, status in results if status >= 500]
    assert not failures, (
        f"{len(failures)} of {len(results)} requests answered 5xx: {summary(results)}\n"
        + "\n".join(server.errors())
    )
    assert summary(results) == {"view": {200: SHOPPERS * ROUNDS}, "add": {302: SHOPPERS * ROUNDS}}
    # Every basket add is in a basket, and the dashboard's product report counts every
    # view and every add exactly once.
    assert lines == SHOPPERS * ROUNDS
    assert counts == (SHOPPERS * ROUNDS, SHOPPERS * ROUNDS)


# The embedded default: a SQLite file ------------------------------------------------


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory, django_db_setup, django_db_blocker):
    """A migrated SQLite file, made once: a copy of pytest-django's in-memory database
    when the suite runs on SQLite (about a second), `migrate` into a file otherwise."""
    path = tmp_path_factory.mktemp("sqlite") / "migrated.sqlite3"
    if connection.vendor == "sqlite":
        with django_db_blocker.unblock():
            connection.ensure_connection()
            with closing(sqlite3.connect(path)) as copy:
                connection.connection.backup(copy)
    else:
        result = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=ROOT,
            env=server_env(f"sqlite:///{path}", path.parent),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
    return path


SEED = (
    "import django, json; django.setup(); "
    "from tests.functional.test_concurrent_shoppers import seed_shop; "
    "print(json.dumps(seed_shop()))"
)


# Marked so that pytest-django builds its database, which migrated_sqlite_file copies.
@pytest.mark.django_db
def test_sqlite_file_serves_eight_shoppers_at_once(migrated_sqlite_file, tmp_path):
    path = tmp_path / "db.sqlite3"
    shutil.copyfile(migrated_sqlite_file, path)
    database_url = f"sqlite:///{path}"
    seeded = subprocess.run(
        [sys.executable, "-c", SEED],
        cwd=ROOT,
        env=server_env(database_url, tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert seeded.returncode == 0, seeded.stderr
    plan = json.loads(seeded.stdout.splitlines()[-1])

    with Server(database_url, tmp_path) as server:
        results = shop_at_once(server.url, plan)

    with closing(sqlite3.connect(path)) as db:
        counts = db.execute(COUNTS_SQL).fetchone()
        lines = db.execute(LINES_SQL).fetchone()[0]
    assert_every_shopper_served(results, server, counts, lines)


# PostgreSQL ------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgresql_serves_eight_shoppers_at_once(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... (CI does)")
    plan = seed_shop()
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )

    with Server(database_url, tmp_path) as server:
        results = shop_at_once(server.url, plan)

    with connection.cursor() as cursor:
        cursor.execute(COUNTS_SQL)
        counts = tuple(cursor.fetchone())
        cursor.execute(LINES_SQL)
        lines = cursor.fetchone()[0]
    assert_every_shopper_served(results, server, counts, lines)
