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

Every new order must also be whole (its lines, each in a shipment, its shipping address,
its payment) and have its confirmation e-mail queued in the outbox.

Faults (docs/RELIABILITY.md), each checked by the same checker plus its own guarantee:

- `--smtp-down`: the mail server (a real SMTP server in this process, aiosmtpd) is down
  during the load; afterwards it is started, `manage.py send_pending_emails --all` runs
  twice, and each order's guest must have received exactly one confirmation.
- `--restart-postgres-after SECONDS`: PostgreSQL is restarted (`--restart-command`, as
  root) that far into the load; the server keeps persistent connections with health checks,
  as production does. Failures (5xx, refused connections) of requests that started before
  PostgreSQL answered again are counted apart, as the gap; any failure after it fails the
  run; every worker must answer again without a restart, and no order may be half written.

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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from statistics import quantiles

import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

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
        self.server_errors = []  # (started, what): 5xx answers and connection errors
        self.confirmations = set()
        self.requests = 0
        self.place_order_failed = set()  # guests whose "place order" failed: no confirmation

    def record(self, kind, response, started):
        with self.lock:
            self.requests += 1
            self.statuses[response.status_code // 100 * 100] += 1
            self.kinds[kind] += 1
            self.latencies.append(time.monotonic() - started)
            if 400 <= response.status_code < 500:
                self.client_errors[f"{kind} {response.status_code}"] += 1
            if response.status_code >= 500:
                self.server_errors.append(
                    (started, f"{kind} {response.request.url} {response.status_code}")
                )

    def failed(self, kind, error, started):
        with self.lock:
            self.requests += 1
            self.kinds[kind] += 1
            self.server_errors.append((started, f"{kind} connection: {error}"))


class Shopper:
    def __init__(self, base, stats, products, communes):
        self.base, self.stats = base, stats
        self.products, self.communes = products, communes
        self.session = requests.Session()

    def call(self, kind, method, path, **kwargs):
        started = time.monotonic()
        try:
            response = self.session.request(
                method, self.base + path, timeout=60, allow_redirects=True, **kwargs
            )
        except requests.RequestException as error:
            self.stats.failed(kind, error, started)
            raise
        self.stats.record(kind, response, started)
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
        try:
            thanks = self.post(
                "place order",
                "/checkout/preview/",
                {"action": "place_order", "fingerprint": fingerprint.group(1)},
            )
        except requests.RequestException:
            thanks = None
        if thanks is None or thanks.status_code >= 500:
            # The order may or may not have been committed: the checker allows it unconfirmed.
            with self.stats.lock:
                self.stats.place_order_failed.add(email)
            return
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
            "SELECT id, number, total_incl_tax, shipping_incl_tax, guest_email FROM order_order"
            " WHERE id > %s",
            [before["max_order"]],
        ).fetchall()
        # Half-written orders: whatever an order needs, committed with it or not at all.
        half_written = db.execute(
            "SELECT o.number,"
            " NOT EXISTS (SELECT 1 FROM order_line l WHERE l.order_id = o.id),"
            " EXISTS (SELECT 1 FROM order_line l WHERE l.order_id = o.id"
            "         AND l.shipment_id IS NULL),"
            " o.shipping_address_id IS NULL,"
            " NOT EXISTS (SELECT 1 FROM payments_payment p WHERE p.order_id = o.id),"
            " NOT EXISTS (SELECT 1 FROM outbox_outgoingemail e"
            "             WHERE e.key LIKE 'order ' || o.number || ' ORDER_PLACED %%')"
            " FROM order_order o WHERE o.id > %s",
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
    placed = {number for _, number, _, _, _ in orders}
    # An order whose "place order" answer was lost (a fault) may be placed, unconfirmed.
    unconfirmed = {
        number
        for _, number, _, _, guest in orders
        if number not in stats.confirmations and guest not in stats.place_order_failed
    }
    if unconfirmed or stats.confirmations - placed:
        problems.append(
            f"orders placed {len(placed)} != confirmations {len(stats.confirmations)}"
            f" (placed, not confirmed: {sorted(unconfirmed)[:5]};"
            f" confirmed, not placed: {sorted(stats.confirmations - placed)[:5]})"
        )
    wants = ("no lines", "a line in no shipment", "no address", "no payment", "no e-mail queued")
    for number, *lacks in half_written:
        if any(lacks):
            missing = ", ".join(want for want, lacking in zip(wants, lacks, strict=True) if lacking)
            problems.append(f"order {number} half written: {missing}")
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
    for order_id, number, total, shipping, _ in orders:
        if line_totals[order_id] + shipping != total:
            problems.append(f"order {number}: {line_totals[order_id]} + {shipping} != {total}")
    if ledger_for_new:
        problems.append(f"{ledger_for_new} ledger entries for orders not delivered nor paid")
    return orders, sum(allocated.values()), after["ledger"] - before["ledger"], problems


def server_env(database_url, extra_env=()):
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
    return env


def start_server(port, env, workers, threads):
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


class PostgresRestart(threading.Thread):
    """Restarts PostgreSQL `after` seconds into the load; `gap` is (the restart's start,
    the moment PostgreSQL answered again), in time.monotonic()."""

    def __init__(self, command, after, database_url):
        super().__init__(daemon=True)
        self.command, self.after, self.database_url = command, after, database_url
        self.gap = None
        self.output = ""

    def run(self):
        time.sleep(self.after)
        down = time.monotonic()
        done = subprocess.run(
            self.command, shell=True, capture_output=True, text=True, timeout=120, check=False
        )
        self.output = f"exit {done.returncode} {done.stdout.strip()} {done.stderr.strip()}"
        while True:
            try:
                psycopg.connect(self.database_url, connect_timeout=2).close()
                break
            except psycopg.OperationalError:
                time.sleep(0.1)
        self.gap = (down, time.monotonic())


def every_worker_answers(base, workers, threads):
    """After the gap, as many requests as gunicorn has threads, all at once: each must be
    answered by a worker that reconnected by itself."""
    answers = Counter()

    def ask(_):
        try:
            return requests.get(f"{base}/catalogue/", timeout=60).status_code
        except requests.RequestException as error:
            return type(error).__name__

    with ThreadPoolExecutor(max_workers=workers * threads) as pool:
        answers.update(pool.map(ask, range(workers * threads * 2)))
    return answers


def emails_after_smtp_is_back(env, port, orders):
    """Starts the mail server, runs the retry twice; every order's guest must have received
    its confirmation exactly once."""
    from tests.mailserver import MailServer

    command = [sys.executable, "manage.py", "send_pending_emails", "--all"]
    problems = []
    with MailServer(port) as server:
        runs = [
            subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
            for _ in range(2)
        ]
    for run in runs:
        print(f"send_pending_emails --all: {run.stdout.strip()} {run.stderr.strip()[-300:]}")
    received = Counter()
    for message in server.messages:
        received[(str(message["To"]), str(message["Subject"]))] += 1
    for _, number, _, _, guest in orders:
        mine = {subject: n for (to, subject), n in received.items() if to == guest}
        confirmations = sum(n for subject, n in mine.items() if number in subject)
        if confirmations != 1:
            problems.append(f"order {number}: {confirmations} confirmations sent to {guest}")
    twice = [key for key, n in received.items() if n > 1]
    if twice:
        problems.append(f"sent twice: {twice[:5]}")
    print(
        f"e-mails received once SMTP was back {len(server.messages)}"
        f" for {len(orders)} orders, sent twice {len(twice)}"
    )
    return problems


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
    parser.add_argument(
        "--smtp-down",
        action="store_true",
        help="no mail server during the load; started after it, then the e-mails retried",
    )
    parser.add_argument(
        "--restart-postgres-after",
        type=float,
        metavar="SECONDS",
        help="restart PostgreSQL this long into the load (see --restart-command)",
    )
    parser.add_argument("--restart-command", default="pg_ctlcluster 15 main restart")
    args = parser.parse_args()
    if not (args.database_url or "").startswith("postgres"):
        raise SystemExit("set DATABASE_URL (or --database-url) to a PostgreSQL database")

    products, communes = catalogue(args.database_url)
    before = snapshot(args.database_url)
    server_database_url = args.database_url
    if args.restart_postgres_after is not None:
        # Persistent connections, checked before each request reuses one: production's.
        separator = "&" if "?" in server_database_url else "?"
        server_database_url += f"{separator}conn_max_age=60&conn_health_checks=True"
    extra_env = list(args.server_env)
    smtp_port = None
    if args.smtp_down:
        from tests.mailserver import free_port

        smtp_port = free_port()
        extra_env += [
            "EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST=127.0.0.1",
            f"EMAIL_PORT={smtp_port}",
        ]
    env = server_env(server_database_url, extra_env)
    server = start_server(args.port, env, args.workers, args.threads)
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
            except requests.RequestException:
                pass  # recorded by Shopper.call; the next journey starts afresh

    restart = None
    started = time.monotonic()
    try:
        if args.restart_postgres_after is not None:
            restart = PostgresRestart(
                args.restart_command, args.restart_postgres_after, args.database_url
            )
            restart.start()
        threads = [threading.Thread(target=run) for _ in range(args.concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        recovered = None
        if restart is not None:
            restart.join(timeout=300)
            recovered = every_worker_answers(base, args.workers, args.threads)
    finally:
        server.terminate()
        server.wait(timeout=60)
    elapsed = time.monotonic() - started

    orders, units, ledger_added, problems = check(args.database_url, before, stats)
    failures = stats.server_errors
    p50, p95 = (quantiles(stats.latencies, n=100)[i] for i in (49, 94))
    print(
        f"concurrency {args.concurrency}, {elapsed:.0f} s, gunicorn {args.workers}x{args.threads}"
    )
    rate = stats.requests / elapsed
    print(f"requests {stats.requests} ({rate:.1f}/s), statuses {dict(stats.statuses)}")
    print(f"by kind {dict(stats.kinds)}")
    print(f"4xx by kind {dict(stats.client_errors)}")
    print(f"latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    if restart is not None:
        if restart.gap is None:
            raise SystemExit(f"PostgreSQL did not come back: {restart.output}")
        down, up = restart.gap
        in_gap = [what for when, what in failures if when < up]
        failures = [(when, what) for when, what in failures if when >= up]
        print(f"restart: `{args.restart_command}` {restart.output}")
        print(
            f"gap: PostgreSQL restarted at {down - started:.1f} s, answered again after"
            f" {up - down:.1f} s; failures of requests started before it answered:"
            f" {len(in_gap)} {Counter(what.split(' http')[0] for what in in_gap)}"
        )
        for what in in_gap[:3]:
            print(f"  e.g. {what[:160]}")
        after = sum(1 for when, _ in stats.server_errors if when >= up)
        print(f"requests started after the gap that failed: {after}")
        print(f"every worker answers after the gap (no restart): {dict(recovered)}")
        if set(recovered) != {200}:
            problems.append(f"after the gap: {dict(recovered)}")
        if stats.place_order_failed:
            print(
                f"journeys whose 'place order' failed in the gap: {len(stats.place_order_failed)}"
            )
    print(f"5xx and connection errors: {len(failures)} {[what for _, what in failures][:5]}")
    confirmed = len(stats.confirmations)
    print(f"orders placed {len(orders)}, confirmations shown {confirmed}, units {units}")
    print(f"ledger entries added {ledger_added} (COD orders are not delivered yet: 0 expected)")
    if smtp_port is not None:
        problems += emails_after_smtp_is_back(env, smtp_port, orders)
    print(
        "checker:",
        "orders whole, stock, totals and ledger consistent" if not problems else problems[:10],
    )
    sys.exit(1 if failures or problems else 0)


if __name__ == "__main__":
    main()
