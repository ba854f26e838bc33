"""The storefront under load: every page a shopper opens, served by gunicorn as in
production, measured with wrk. A benchmark, not a test: it measures and reports.

    python -m bench.run --products 10000 [--database postgres|sqlite] [--database-url URL]
                        [--duration 10] [--connections 8] [--output docs/PERFORMANCE.md]

1. Builds the dataset (unless the database already holds it): `migrate`, `load_demo` (the
   home page and the CMS around the catalogue), `generate_catalogue --products N`; on
   PostgreSQL a `VACUUM ANALYZE`, as autovacuum would do. PostgreSQL: database
   `ocop_bench_<N>` on 127.0.0.1:5432 unless --database-url names one; SQLite: a file
   under bench/.data/ (ignored by git).
2. Serves it with gunicorn, 2 sync workers, production settings (bench.settings: the
   production module plus a trivial view as the floor), DEBUG off, search on the database
   backend, the cache in Redis when REDIS_URL is set (else local memory), on 127.0.0.1.
3. Counts the SQL queries of each page with Django's test client (cold: cache emptied;
   after a change: a price saved, so the catalog version moves on; warm: the same request
   again, which is what wrk repeats).
4. For each page: a warm-up, then wrk at --connections for --duration seconds
   (bench/wrk/request.lua prints p50/p95/p99 and errors). Basket add POSTs the form with
   one shopper's session, basket and CSRF cookies. After each wrk run, the next waits for
   the server to have answered what wrk left queued (settle); a page answering fewer than
   MIN_REQUESTS is measured again for longer. Worker memory (RSS) is read before the
   first page and after the last.
5. Writes bench/results/<database>-<N>.json, and the table of every result file into
   docs/PERFORMANCE.md between the `bench:pages` markers.
"""

import argparse
import http.cookiejar
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATA = ROOT / "bench" / ".data"  # databases and exports, ignored by git
LUA = ROOT / "bench" / "wrk" / "request.lua"
START, END = "<!-- bench:pages start -->", "<!-- bench:pages end -->"
PG = "postgres://postgres@127.0.0.1:5432/"
# Not counted as queries: the request's transaction (ATOMIC_REQUESTS) and its savepoints.
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
# Fewer requests than this in --duration: the page is measured again for longer (at most
# MAX_DURATION seconds), so that its percentiles stand on enough answers.
MIN_REQUESTS, MAX_DURATION = 20, 60
# The two searches, also asked of stock Oscar by --against-stock-oscar.
SEARCHES = {"search (no accents)": "mat ong", "search (accents)": "mật ong rừng"}


def log(message):
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def environment(args) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECRET_KEY="bench-only-not-a-secret",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=args.database_url,
        SEARCH_BACKEND="database",
        SECURE_COOKIES="false",
        SITE_URL=f"http://127.0.0.1:{args.port}",
        PYTHONHASHSEED="0",
        # Orders placed by the checkout measurement: no mail printed nor kept in memory.
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    return with_cache(env, args.redis_url)


def with_cache(env, redis_url) -> dict:
    """The cache of a served project: Redis when --redis-url is given, else local memory."""
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        env.pop("REDIS_URL", None)
    return env


def default_database_url(database, products, *, postgres_name, sqlite_name) -> str:
    """PostgreSQL `<postgres_name>_<N>` on 127.0.0.1, or bench/.data/<sqlite_name>-<N>.sqlite3."""
    if database == "postgres":
        return f"{PG}{postgres_name}_{products}"
    DATA.mkdir(exist_ok=True)
    return f"sqlite:///{DATA / f'{sqlite_name}-{products}.sqlite3'}"


def create_database(url):
    """Creates a PostgreSQL database of ours (its name is the URL's last part); one that
    exists already is kept as it is."""
    name = url.rsplit("/", 1)[1]
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", name], stderr=subprocess.DEVNULL
    )


def manage(env, *command):
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def build(args, env) -> dict:
    """The dataset at N products (only what is missing is generated)."""
    if args.database == "postgres" and not args.keep_url:
        create_database(args.database_url)
    timings = {"migrate_s": round(manage(env, "migrate", "--noinput"), 1)}
    have = _django_count(
        env,
        "from oscar.core.loading import get_model; "
        "print(get_model('catalogue','Product').objects.filter("
        "upc__startswith='GEN-').count())",
    )
    if have == 0:
        timings["load_demo_s"] = round(manage(env, "load_demo"), 1)
    if have < args.products:
        log(f"generating {args.products - have} products")
        timings["generate_s"] = round(
            manage(env, "generate_catalogue", "--products", str(args.products - have)), 1
        )
    if args.database == "postgres":
        subprocess.run(["psql", args.database_url, "-qc", "VACUUM ANALYZE"], check=True)
    manage(env, "collectstatic", "--noinput")
    return timings


def _django_count(env, code) -> int:
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(out.strip().splitlines()[-1])


def pages(base) -> dict:
    """name -> (path, what it exercises), from the database being measured."""
    from django.conf import settings
    from django.db.models import Count

    from catalog import selectors
    from catalog.models import Batch

    listed = selectors.listable_products()
    # In stock, so that stock Oscar's page (--against-stock-oscar) has its basket form too.
    product = (
        listed.filter(
            upc__startswith="GEN-", batches__isnull=False, stockrecords__num_in_stock__gt=0
        )
        .order_by("pk")
        .first()
    )
    # Basket add is measured as thousands of adds of this product to one basket: stock for
    # every one, or after the first few dozen wrk would measure the "not enough stock" refusal.
    product.stockrecords.update(num_in_stock=10_000_000)
    batch = Batch.objects.filter(product=product).first()
    category = product.categories.first()
    province = (
        listed.values("stockrecords__partner__producer__province__codename")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )["stockrecords__partner__producer__province__codename"]
    last = -(-listed.count() // settings.OSCAR_PRODUCTS_PER_PAGE)
    deep = min(last, settings.SEARCH_MAX_PAGE)
    q = urllib.parse.quote
    return {
        "floor (trivial view)": ("/bench/floor/", "middleware only"),
        "home": ("/", "Wagtail home, featured products"),
        "catalogue p1": ("/catalogue/", "all products, facets"),
        f"catalogue p{deep}": (f"/catalogue/?page={deep}", "deepest page served"),
        "category": (category.get_absolute_url(), category.name),
        "filtered": (f"/catalogue/?stars=4&province={province}", "★4 + biggest province"),
        "product detail": (product.get_absolute_url(), "certificate, producer, batches"),
        **{name: (f"/search/?q={q(query)}", query) for name, query in SEARCHES.items()},
        "autocomplete": (f"/search/suggest/?q={q('mat o')}", "mat o"),
        "trace page": (batch.get_absolute_url(), "batch QR page"),
        # Last: the pages above are counted for a shopper with an empty basket, as wrk
        # requests them (with a basket, Oscar loads it and its offers on every page).
        "basket add": (f"/basket/add/{product.pk}/", "POST, session + CSRF"),
    }


def count_queries(urls) -> dict:
    """SQL statements per page with the test client, in three states: cold (the whole cache
    emptied, as after Redis restarts), changed (just after a change to the catalogue: the
    versions move on, so every page, answer and fragment is drawn again, while what does
    not depend on the catalogue, such as thumbnails' names, stays cached) and warm."""
    from django.core.cache import cache
    from django.db import connection
    from django.db.models import F
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")

    def change_the_catalogue():
        # A producer saves a price: the database's triggers move the catalog version on.
        StockRecord.objects.filter(pk=StockRecord.objects.order_by("pk")[:1]).update(
            price=F("price")
        )

    client, counts = Client(), {}
    for name, (path, _) in urls.items():
        method, data = (
            (client.post, {"quantity": 1}) if name == "basket add" else (client.get, None)
        )
        method(path, data=data)
        found = {}
        for state, before in (
            ("cold", cache.clear),
            ("changed", change_the_catalogue),
            ("warm", lambda: None),
        ):
            before()
            with CaptureQueriesContext(connection) as captured:
                response = method(path, data=data)
            assert response.status_code in (200, 302), (path, response.status_code)
            found[state] = sum(1 for q in captured if not q["sql"].startswith(TRANSACTION_CONTROL))
        counts[name] = found
    return counts


def serve(port, env, application="shop.wsgi:application"):
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        application,
        "--workers",
        "2",
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--timeout",
        "60",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/floor/", timeout=2)
            return server
        except OSError:
            time.sleep(1)
    server.terminate()
    raise RuntimeError("gunicorn did not answer")


def workers_rss(server) -> list[int]:
    """Resident memory of each gunicorn worker, in KiB."""
    out = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(server.pid)], capture_output=True, text=True
    ).stdout
    return sorted(int(v) for v in out.split())


def shopper(base, product_path, add_path) -> dict:
    """A shopper's cookies and the form's CSRF token, after one real add to basket."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + product_path).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "quantity": 1})
    opener.open(urllib.request.Request(base + add_path, data=body.encode()))
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar if c.name != "messages")
    return {"BENCH_METHOD": "POST", "BENCH_BODY": body, "BENCH_COOKIE": cookie}


def measure_pages(server, base, urls, queries, args, label="") -> tuple[dict, dict]:
    """Each page under wrk (a warm-up of every page first), with its SQL counts; and the
    workers' memory before the first measured page and after the last."""
    shopper_env = shopper(base, urls["product detail"][0], urls["basket add"][0])

    def under_wrk(path, name, duration):
        extra = shopper_env if name == "basket add" else None
        measured = wrk(
            base + path, duration=duration, connections=args.connections, extra_env=extra
        )
        settle(base)
        return measured

    for name, (path, _) in urls.items():
        under_wrk(path, name, args.warmup)
    rss_before = workers_rss(server)
    results = {}
    for name, (path, what) in urls.items():
        log(f"{label}measuring {name}")
        measured = under_wrk(path, name, args.duration)
        if measured["requests"] < MIN_REQUESTS:
            # A page of seconds (stock Oscar's, at 10k) answers a handful in --duration:
            # no percentile, or none at all. Measured again, long enough for MIN_REQUESTS.
            longer = min(
                MAX_DURATION,
                args.duration * -(-MIN_REQUESTS // max(measured["requests"], 1)),
            )
            log(f"{label}{name}: {measured['requests']} requests, measuring {longer} s")
            measured = {**under_wrk(path, name, longer), "duration_s": longer}
        results[name] = {"path": path, "exercises": what, **measured, "sql": queries[name]}
    return results, {"before": rss_before, "after": workers_rss(server)}


def settle(base):
    """Waits until the server has answered every request wrk left behind. When wrk stops,
    the requests its connections had sent are still in gunicorn's listen queue and the
    workers answer them all (to closed sockets): on a slow page that takes longer than the
    next page's whole measurement, which would then record none of its own. A request sent
    now is accepted after them (the queue is first in, first out), so its answer means the
    workers are free again."""
    urllib.request.urlopen(f"{base}/bench/floor/", timeout=600).read()


def wrk(url, *, duration, connections, extra_env=None) -> dict:
    env = {**os.environ, **(extra_env or {})}
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            url,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("BENCH "))
    found = json.loads(line[len("BENCH ") :])
    seconds = found["duration_us"] / 1e6
    return {
        "requests": found["requests"],
        "rps": round(found["requests"] / seconds, 1),
        "p50_ms": round(found["p50_us"] / 1000, 1),
        "p95_ms": round(found["p95_us"] / 1000, 1),
        "p99_ms": round(found["p99_us"] / 1000, 1),
        "max_ms": round(found["max_us"] / 1000, 1),
        "errors": sum(found["errors"].values()),
    }


def machine() -> dict:
    import django

    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "django": django.get_version(),
        "load_1min": round(os.getloadavg()[0], 1),
    }


def run(args) -> dict:
    env = environment(args)
    log(f"building {args.products} products on {args.database}")
    timings = build(args, env)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    base = f"http://127.0.0.1:{args.port}"
    urls = pages(base)
    log("counting queries")
    queries = count_queries(urls)
    if args.checkout:
        from bench import checkout_flow

        checkout_queries = checkout_flow.count_queries(
            checkout_flow.stock_to_sell(), checkout_flow.a_commune()
        )
    if connection.vendor == "sqlite":
        vendor = f"SQLite {connection.Database.sqlite_version}"
    else:
        version = connection.pg_version
        vendor = f"PostgreSQL {version // 10000}.{version % 10000}"
    connection.close()
    server = serve(args.port, env)
    try:
        load_before = os.getloadavg()[0]
        results, rss = measure_pages(server, base, urls, queries, args)
        if args.checkout:
            log("measuring checkout up to placing an order")
            checkout = checkout_flow.measure(
                base, duration=args.duration, connections=args.connections, warmup=args.warmup
            )
            for step, measured in checkout["steps"].items():
                measured["sql"] = checkout_queries.get(step)
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = {
        "database": args.database,
        "database_version": vendor,
        "products": args.products,
        "measured_at": datetime.now(UTC).isoformat(timespec="minutes"),
        "command": " ".join(["python -m bench.run", *sys.argv[1:]]),
        "concurrency": args.connections,
        "duration_s": args.duration,
        "cache": "redis" if args.redis_url else "local memory",
        "machine": {**machine(), "load_1min_at_start": round(load_before, 1)},
        "build": timings,
        "workers_rss_kib": rss,
        "pages": results,
    }
    if args.checkout:
        result["checkout"] = checkout
    stock = None
    if args.against_stock_oscar:
        from bench import compare_stock

        stock = compare_stock.measure(args, result, urls)
    return result, stock


def table(result) -> str:
    machine = result["machine"]
    rss = result["workers_rss_kib"]
    served = sum(p["requests"] for p in result["pages"].values())
    lines = [
        f"### {result['database_version']}, {result['products']:,} generated products",
        "",
        f"Measured {result['measured_at']} · `{result['command']}` · wrk, {result['concurrency']}"
        f" connections, {result['duration_s']} s per page after a warm-up · gunicorn 2 sync "
        f"workers, production settings, DEBUG off, cache: {result['cache']} · "
        f"{machine['cpus']} CPUs ({machine['cpu']}), load average {machine['load_1min_at_start']}"
        f" at the start (shared machine) · Python {machine['python']}, Django {machine['django']}.",
        "",
        "| Page | p50 ms | p95 ms | p99 ms | req/s | errors | SQL cold | SQL after a change"
        " | SQL warm |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, page in result["pages"].items():
        lines.append(
            f"| {name} | {page['p50_ms']} | {page['p95_ms']} | {page['p99_ms']} | {page['rps']} |"
            f" {page['errors']} | {page['sql']['cold']} | {page['sql'].get('changed', '–')} |"
            f" {page['sql']['warm']} |"
        )
    lines += [
        "",
        f"Worker memory (RSS, MiB) before the first page: "
        f"{', '.join(f'{v / 1024:.0f}' for v in rss['before'])}; after {served:,} requests: "
        f"{', '.join(f'{v / 1024:.0f}' for v in rss['after'])}.",
        "",
    ]
    if "checkout" in result:
        lines += checkout_table(result["checkout"])
    return "\n".join(lines)


def checkout_table(checkout) -> list[str]:
    lines = [
        f"Checkout up to placing an order (bench/checkout_flow.py: {checkout['connections']} "
        f"guest shoppers paying cash on delivery, {checkout['seconds']} s): "
        f"**{checkout['orders_per_s']} orders/s**, {checkout['orders_placed']} orders placed,"
        f" {checkout['thank_you_pages']} thank-you pages shown, flow failures: "
        f"{sum(checkout['flow_failures'].values())}.",
        "",
        "| Checkout step | requests | p50 ms | p95 ms | p99 ms | errors | SQL |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for step, measured in checkout["steps"].items():
        sql = "–" if measured.get("sql") is None else measured["sql"]
        lines.append(
            f"| `{step}` | {measured['requests']} | {measured['p50_ms']} | {measured['p95_ms']} |"
            f" {measured['p99_ms']} | {measured['errors']} | {sql} |"
        )
    lines.append("")
    return lines


def write_docs(output: Path):
    paths = [p for p in sorted(RESULTS.glob("*.json")) if not p.name.startswith("stock-oscar-")]
    results = [json.loads(p.read_text()) for p in paths]
    results.sort(key=lambda r: (r["database"] != "postgres", r["products"]))
    block = "\n".join([START, "", *[table(r) for r in results], END])
    text = output.read_text()
    if START in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n## Pages under load (`bench/run.py`)\n\n" + block + "\n"
    output.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=10000)
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--database-url", help="an existing database to use (built if empty)")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", ""))
    parser.add_argument("--port", type=int, default=8130)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--output", default="docs/PERFORMANCE.md")
    parser.add_argument(
        "--recount", action="store_true", help="only count the queries again, into the JSON"
    )
    parser.add_argument(
        "--no-checkout",
        dest="checkout",
        action="store_false",
        help="skip checkout up to placing an order (bench/checkout_flow.py)",
    )
    parser.add_argument(
        "--against-stock-oscar",
        action="store_true",
        help="then load the same catalogue into stock django-oscar and measure it the same way",
    )
    parser.add_argument(
        "--stock-database-url",
        help="stock Oscar's database (default: ocop_stock_<N>, or a SQLite file in bench/.data)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    args.keep_url = bool(args.database_url)
    args.keep_stock_url = bool(args.stock_database_url)
    if not args.database_url:
        args.database_url = default_database_url(
            args.database, args.products, postgres_name="ocop_bench", sqlite_name="bench"
        )
    if not args.stock_database_url:
        args.stock_database_url = default_database_url(
            args.database, args.products, postgres_name="ocop_stock", sqlite_name="stock-oscar"
        )
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{args.database}-{args.products}.json"
    if args.recount:
        result = json.loads(path.read_text())
        os.environ.update(environment(args))
        import django

        django.setup()
        counts = count_queries(pages(""))
        for name, page in result["pages"].items():
            page["sql"] = counts[name]
        stock = None
    else:
        result, stock = run(args)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    log(f"wrote {path}")
    if stock:
        from bench import compare_stock

        stock_path = RESULTS / f"{compare_stock.PREFIX}{args.database}-{args.products}.json"
        stock_path.write_text(json.dumps(stock, indent=2, ensure_ascii=False) + "\n")
        log(f"wrote {stock_path}")
    if args.output != "-":
        write_docs(ROOT / args.output)
        if stock:
            compare_stock.write_docs(ROOT / args.output)
        log(f"updated {args.output}")
    print(table(result))
    if stock:
        print(compare_stock.table(stock))


if __name__ == "__main__":
    main()
