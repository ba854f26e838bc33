"""A mixed shopper workload against gunicorn + PostgreSQL on the loopback, then a checker.

Each of CONCURRENCY shoppers (a fresh session each journey) browses the catalogue, filters
a search, opens a product, adds it to the basket, checks out as a guest paying cash on
delivery, and looks the order up on /order-status/ — for SECONDS, bounded also by
MAX_REQUESTS. Afterwards:

- zero 5xx answers;
- orders placed == confirmations shown (the thank-you pages the shoppers saw);
- stock and ledger recomputed from the order lines: for every stock record, the units
  allocated during the run equal the units on the new orders' lines; no payout-ledger entry
  for an order that is not yet delivered and paid; every order's total is its lines plus
  its shipping.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shop_load \
        .venv/bin/python bench/load_mixed.py --port 8151 --concurrency 32 --seconds 60

The database must hold the demo (`manage.py migrate && manage.py load_demo`). The script
starts gunicorn itself (shop.settings.dev with DEBUG off: `make run`'s stack, on PostgreSQL)
and prints a summary to paste into docs/RELIABILITY.md.
"""

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from statistics import quantiles

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[1]
LOG = Path(tempfile.gettempdir()) / "load_mixed.gunicorn.log"
SEARCHES = ["mat ong", "nuoc mam", "tra", "gao", "ruou", "che"]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.kinds = Counter()
        self.client_errors = Counter()
        self.latencies = []
        self.server_errors = []
        self.confirmations = set()
        self.requests = 0

    def record(self, kind, response, seconds):
        with self.lock:
            self.requests += 1
            self.statuses[response.status_code // 100 * 100] += 1
            self.kinds[kind] += 1
            self.latencies.append(seconds)
            if 400 <= response.status_code < 500:
                self.client_errors[f"{kind} {response.status_code}"] += 1
            if response.status_code >= 500:
                self.server_errors.append(f"{kind} {response.request.url} {response.status_code}")


class Shopper:
    def __init__(self, base, stats, products, communes):
        self.base, self.stats = base, stats
        self.products, self.communes = products, communes
        self.session = requests.Session()

    def call(self, kind, method, path, **kwargs):
        started = time.monotonic()
        response = self.session.request(
            method, self.base + path, timeout=60, allow_redirects=True, **kwargs
        )
        self.stats.record(kind, response, time.monotonic() - started)
        return response

    def post(self, kind, path, data, came_from=None):
        data = {"csrfmiddlewaretoken": self.session.cookies.get("csrftoken", ""), **data}
        # Oscar sends a basket add back to the page it came from, as a browser would.
        headers = {"Referer": self.base + (came_from or path)}
        return self.call(kind, "POST", path, data=data, headers=headers)

    def journey(self, number):
        self.session = requests.Session()
        self.call("browse", "GET", "/catalogue/")
        self.call("search", "GET", "/search/", params={"q": random.choice(SEARCHES)})
        self.call("filter", "GET", "/search/", params={"q": "", "stars": random.choice([3, 4, 5])})
        product_pk, product_url = random.choice(self.products)
        self.call("product", "GET", product_url)
        added = self.post(
            "basket add", f"/basket/add/{product_pk}/", {"quantity": 1}, came_from=product_url
        )
        if added.status_code != 200:
            return
        email = f"load{number}@example.vn"
        self.post("checkout", "/checkout/", {"username": email, "options": "anonymous"})
        province, commune = random.choice(self.communes)
        self.post(
            "checkout",
            "/checkout/shipping-address/",
            {
                "first_name": "Khách tải",
                "phone_number": "0912345678",
                "line1": "1 Tràng Tiền",
                "province": province,
                "commune": commune,
            },
        )
        self.call("checkout", "GET", "/checkout/shipping-method/")
        self.post("checkout", "/checkout/payment-method/", {"method": "cod"})
        preview = self.call("checkout", "GET", "/checkout/preview/")
        fingerprint = re.search(r'name="fingerprint" value="([^"]*)"', preview.text)
        if not fingerprint:
            return  # out of stock or the basket emptied: no order, no confirmation expected
        thanks = self.post(
            "place order",
            "/checkout/preview/",
            {"action": "place_order", "fingerprint": fingerprint.group(1)},
        )
        if "/checkout/thank-you/" in thanks.url:
            number = re.search(r'href="[^"]*/(\d{6,})/', thanks.text)
            if number:
                with self.stats.lock:
                    self.stats.confirmations.add(number.group(1))
                self.post(
                    "order status", "/order-status/", {"number": number.group(1), "email": email}
                )


def catalogue(database_url):
    with psycopg.connect(database_url) as db:
        rows = db.execute(
            "SELECT p.id, p.slug FROM catalogue_product p"
            " JOIN partner_stockrecord s ON s.product_id = p.id"
            " WHERE p.is_public AND s.num_in_stock > 0 AND p.structure <> 'parent'"
        ).fetchall()
        communes = db.execute(
            "SELECT c.province_id, min(c.code) FROM catalog_commune c"
            " WHERE c.province_id IN (1, 40, 22, 79) GROUP BY c.province_id"
        ).fetchall()
    return [(pk, f"/catalogue/{slug}_{pk}/") for pk, slug in rows], communes


def snapshot(database_url):
    with psycopg.connect(database_url) as db:
        return {
            "max_order": db.execute("SELECT coalesce(max(id), 0) FROM order_order").fetchone()[0],
            "stock": dict(
                (pk, (in_stock, allocated or 0))
                for pk, in_stock, allocated in db.execute(
                    "SELECT id, num_in_stock, num_allocated FROM partner_stockrecord"
                )
            ),
            "ledger": db.execute("SELECT count(*) FROM payments_ledgerentry").fetchone()[0],
        }


def check(database_url, before, stats):
    """Recomputes what the run must have changed from the new orders' lines."""
    problems = []
    with psycopg.connect(database_url) as db:
        orders = db.execute(
            "SELECT id, number, total_incl_tax, shipping_incl_tax FROM order_order WHERE id > %s",
            [before["max_order"]],
        ).fetchall()
        lines = db.execute(
            "SELECT order_id, stockrecord_id, quantity, line_price_incl_tax FROM order_line"
            " WHERE order_id > %s",
            [before["max_order"]],
        ).fetchall()
        after = snapshot(database_url)
        ledger_for_new = db.execute(
            "SELECT count(*) FROM payments_ledgerentry l JOIN order_line ol ON ol.id = l.line_id"
            " WHERE ol.order_id > %s",
            [before["max_order"]],
        ).fetchone()[0]
    placed = {number for _, number, _, _ in orders}
    if placed != stats.confirmations:
        problems.append(
            f"orders placed {len(placed)} != confirmations {len(stats.confirmations)}"
            f" (placed, not confirmed: {sorted(placed - stats.confirmations)[:5]};"
            f" confirmed, not placed: {sorted(stats.confirmations - placed)[:5]})"
        )
    allocated = Counter()
    line_totals = Counter()
    for order_id, stockrecord_id, quantity, price in lines:
        allocated[stockrecord_id] += quantity
        line_totals[order_id] += price
    for pk, (in_stock, allocated_after) in after["stock"].items():
        in_before, allocated_before = before["stock"].get(pk, (in_stock, 0))
        if allocated_after - allocated_before != allocated[pk] or in_stock != in_before:
            problems.append(
                f"stock record {pk}: allocated {allocated_before}→{allocated_after},"
                f" in stock {in_before}→{in_stock}; the new lines hold {allocated[pk]}"
            )
        if in_stock is not None and allocated_after > in_stock:
            problems.append(f"stock record {pk}: {allocated_after} allocated of {in_stock}")
    for order_id, number, total, shipping in orders:
        if line_totals[order_id] + shipping != total:
            problems.append(f"order {number}: {line_totals[order_id]} + {shipping} != {total}")
    if ledger_for_new:
        problems.append(f"{ledger_for_new} ledger entries for orders not delivered nor paid")
    return len(orders), sum(allocated.values()), after["ledger"] - before["ledger"], problems


def start_server(port, database_url, workers, threads, extra_env=()):
    env = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="shop.settings.dev",
        DJANGO_DEBUG="false",
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
        # Every shopper comes from 127.0.0.1: the order lookup's per-address limit would
        # otherwise stop the run (it is tested on its own).
        ORDER_LOOKUP_RATE="100000/m",
    )
    env.update(item.split("=", 1) for item in extra_env)
    log = open(LOG, "w")  # noqa: SIM115  closed with the process
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "shop.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)]
        + ["--timeout", "120"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            # Every worker imports the project on its first request: warm them all.
            for _ in range(workers * 2):
                requests.get(f"http://127.0.0.1:{port}/verify/", timeout=60)
            return process
        except requests.RequestException:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit(f"gunicorn did not start: see {LOG}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--port", type=int, default=8151)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="for the server, e.g. REDIS_URL=redis://127.0.0.1:1/0 (a dependency down)",
    )
    args = parser.parse_args()
    if not (args.database_url or "").startswith("postgres"):
        raise SystemExit("set DATABASE_URL (or --database-url) to a PostgreSQL database")

    products, communes = catalogue(args.database_url)
    before = snapshot(args.database_url)
    server = start_server(args.port, args.database_url, args.workers, args.threads, args.server_env)
    stats = Stats()
    base = f"http://127.0.0.1:{args.port}"
    deadline = time.monotonic() + args.seconds
    counter = iter(range(10**9))
    counter_lock = threading.Lock()

    def run():
        shopper = Shopper(base, stats, products, communes)
        while time.monotonic() < deadline and stats.requests < args.max_requests:
            with counter_lock:
                number = next(counter)
            try:
                shopper.journey(number)
            except requests.RequestException as error:
                with stats.lock:
                    stats.server_errors.append(f"connection: {error}")

    started = time.monotonic()
    try:
        threads = [threading.Thread(target=run) for _ in range(args.concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=60)
    elapsed = time.monotonic() - started

    orders, units, ledger_added, problems = check(args.database_url, before, stats)
    p50, p95 = (quantiles(stats.latencies, n=100)[i] for i in (49, 94))
    print(
        f"concurrency {args.concurrency}, {elapsed:.0f} s, gunicorn {args.workers}x{args.threads}"
    )
    rate = stats.requests / elapsed
    print(f"requests {stats.requests} ({rate:.1f}/s), statuses {dict(stats.statuses)}")
    print(f"by kind {dict(stats.kinds)}")
    print(f"4xx by kind {dict(stats.client_errors)}")
    print(f"latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    print(f"5xx and connection errors: {len(stats.server_errors)} {stats.server_errors[:5]}")
    print(f"orders placed {orders}, confirmations shown {len(stats.confirmations)}, units {units}")
    print(f"ledger entries added {ledger_added} (COD orders are not delivered yet: 0 expected)")
    print("checker:", "stock, totals and ledger consistent" if not problems else problems[:10])
    failed = stats.server_errors or problems
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
