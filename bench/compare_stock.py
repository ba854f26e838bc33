"""Stock django-oscar 4.2 in the same run as the shop (`bench.run --against-stock-oscar`).

After bench.run has measured the shop, the same catalogue is loaded into a stock Oscar
project (bench/stock_oscar/: Oscar's documented settings, no forked app, its haystack
search on Whoosh as in Oscar's sandbox), served the same way (gunicorn, 2 sync workers,
DEBUG off, the same cache choice, on the next port) and measured by the same code
(bench.run.measure_pages) on the pages both shops have: the floor, catalogue page 1
and the shop's deepest page, a category, a product page, the two searches and basket
add. Its SQL queries are counted the same way (Django's test client, cold and warm).

Stock Oscar's database: PostgreSQL `ocop_stock_<N>` (or --stock-database-url), or a
SQLite file bench/.data/stock-oscar-<N>.sqlite3; its Whoosh index in
bench/.data/stock-oscar-whoosh-<database>-<N>/. Results:
bench/results/stock-oscar-<database>-<N>.json, and the comparison table between the
`bench:stock` markers of docs/PERFORMANCE.md.
"""

import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

from bench import run as bench_run

DATA = bench_run.DATA
START, END = "<!-- bench:stock start -->", "<!-- bench:stock end -->"
PREFIX = "stock-oscar-"


def export(urls: dict, path: Path) -> dict:
    """The catalogue the shop lists (generated products only), for stock Oscar's loader.
    Runs in bench.run's process, with the shop's settings."""
    from django.conf import settings
    from oscar.core.loading import get_model

    from catalog import selectors
    from search.backends.base import SearchQuery
    from search.backends.database import DatabaseBackend

    Category = get_model("catalogue", "Category")
    Product = get_model("catalogue", "Product")
    categories = {}
    for category in Category.objects.all():
        parent = category.get_parent() or category
        categories[category.pk] = [parent.slug, parent.name, category.slug, category.name]
    listed = selectors.listable_products().filter(upc__startswith="GEN-").order_by("pk")
    fields = {
        "upc": "upc",
        "title": "title",
        "slug": "slug",
        "description": "description",
        "class": "product_class__name",
        "track_stock": "product_class__track_stock",
        "category": "categories",
        "price": "stockrecords__price",
        "num_in_stock": "stockrecords__num_in_stock",
        "partner": "stockrecords__partner__name",
    }
    rows = []
    for values in listed.values_list(*fields.values()):
        row = dict(zip(fields, values, strict=True))
        row["category"] = categories[row["category"]]
        row["price"] = str(row["price"])
        rows.append(row)
    # The product of the shop's product page and basket add: /basket/add/<pk>/.
    product = Product.objects.get(pk=int(urls["basket add"][0].strip("/").rsplit("/", 1)[1]))
    deep = next(
        (name for name in urls if name.startswith("catalogue p") and name != "catalogue p1"),
        "catalogue p1",  # a catalogue of one page
    )
    searches = {}
    for name, query in bench_run.SEARCHES.items():
        searches[name] = (f"/search/?q={urllib.parse.quote(query)}", query)
    data = {
        "products": rows,
        "product_upc": product.upc,
        "category_slug": product.categories.first().slug,
        "deep_page": int(deep.removeprefix("catalogue p")),
        "searches": searches,
        "products_per_page": settings.OSCAR_PRODUCTS_PER_PAGE,
        # What the shop's search finds for the same words, for the comparison.
        "shop_search_results": {
            name: DatabaseBackend().search(SearchQuery(text=query)).total
            for name, query in bench_run.SEARCHES.items()
        },
    }
    path.write_text(json.dumps(data, ensure_ascii=False))
    return data


def environment(args) -> dict:
    """bench.run's environment less the shop's settings and database: stock Oscar's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.stock_oscar.settings",
        DATABASE_URL=args.stock_database_url,
        # Its Whoosh index goes with its database (the same products).
        WHOOSH_INDEX=str(DATA / f"stock-oscar-whoosh-{args.database}-{args.products}"),
        PYTHONHASHSEED="0",
    )
    return bench_run.with_cache(env, args.redis_url)


def _python(env, *command, capture=False):
    done = subprocess.run(
        [sys.executable, *command],
        cwd=bench_run.ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        text=True,
    )
    return done.stdout


def measure(args, ours: dict, urls: dict) -> dict:
    """Builds stock Oscar's database, counts its queries, serves it and measures it."""
    DATA.mkdir(exist_ok=True)
    export_path = DATA / f"stock-export-{args.products}.json"
    exported = export(urls, export_path)
    env = environment(args)
    env["OSCAR_PRODUCTS_PER_PAGE"] = str(exported["products_per_page"])
    if args.database == "postgres" and not args.keep_stock_url:
        bench_run.create_database(args.stock_database_url)
    bench_run.log("stock Oscar: migrate, load the same catalogue, build its search index")
    _python(env, "-m", "django", "migrate", "--noinput")
    _python(env, "-m", "bench.stock_oscar.dataset", "load", str(export_path))
    if args.database == "postgres":
        subprocess.run(["psql", args.stock_database_url, "-qc", "VACUUM ANALYZE"], check=True)
    bench_run.log("stock Oscar: counting queries")
    probed = json.loads(
        _python(env, "-m", "bench.stock_oscar.dataset", "probe", str(export_path), capture=True)
        .strip()
        .splitlines()[-1]
    )
    port = args.port + 1
    server = bench_run.serve(port, env, "bench.stock_oscar.wsgi:application")
    try:
        pages, rss = bench_run.measure_pages(
            server,
            f"http://127.0.0.1:{port}",
            probed["urls"],
            probed["queries"],
            args,
            label="stock Oscar: ",
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    import django

    return {
        "database": args.database,
        "database_version": ours["database_version"],
        "products": args.products,
        "stock_products": probed["products"],
        "oscar": _oscar_version(),
        "django": django.get_version(),
        "measured_at": ours["measured_at"],
        "command": ours["command"],
        "concurrency": args.connections,
        "duration_s": args.duration,
        "cache": ours["cache"],
        "products_per_page": exported["products_per_page"],
        "search_results": {
            "stock": probed["search_results"],
            "ours": exported["shop_search_results"],
        },
        "workers_rss_kib": rss,
        "pages": pages,
        # The shop's figures of the same run, for the table.
        "ours": {name: page for name, page in ours["pages"].items() if name in pages},
    }


def _oscar_version() -> str:
    import oscar

    return oscar.get_version()


def _ratio(ours: float, stock: float) -> str:
    return f"{ours / stock:.2f}×" if stock else "–"


def table(result) -> str:
    found = result["search_results"]
    lines = [
        f"### {result['database_version']}, {result['products']:,} generated products "
        f"({result['stock_products']:,} listable, loaded into stock Oscar)",
        "",
        f"Measured {result['measured_at']} in the same run as the shop · `{result['command']}`"
        f" · wrk, {result['concurrency']} connections, {result['duration_s']} s per page after"
        f" a warm-up · both served by gunicorn, 2 sync workers, DEBUG off, cache: "
        f"{result['cache']} · django-oscar {result['oscar']}, Django {result['django']},"
        f" {result['products_per_page']} products per page on both.",
        "",
        "| Page | ours p50 ms | stock p50 ms | ratio | ours p95 | stock p95 | ratio |"
        " ours req/s | stock req/s | ours SQL warm | stock SQL warm | errors (ours/stock) |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, stock in result["pages"].items():
        ours = result["ours"].get(name)
        if not ours:
            continue
        longer = [
            f"{side} {page['duration_s']} s"
            for side, page in (("ours", ours), ("stock", stock))
            if "duration_s" in page
        ]
        shown = f"{name} ({', '.join(longer)})" if longer else name
        lines.append(
            f"| {shown} | {ours['p50_ms']} | {stock['p50_ms']} |"
            f" {_ratio(ours['p50_ms'], stock['p50_ms'])} | {ours['p95_ms']} |"
            f" {stock['p95_ms']} | {_ratio(ours['p95_ms'], stock['p95_ms'])} |"
            f" {ours['rps']} | {stock['rps']} | {ours['sql']['warm']} | {stock['sql']['warm']} |"
            f" {ours['errors']}/{stock['errors']} |"
        )
    searches = "; ".join(
        f"{name} (`{result['pages'][name]['exercises']}`): ours {found['ours'][name]:,},"
        f" stock {found['stock'][name]:,}"
        for name in found["ours"]
    )
    listed = ", ".join(
        f"{name} {count:,}" for name, count in found["stock"].items() if name not in found["ours"]
    )
    lines += [
        "",
        f"Ratio: ours ÷ stock (below 1 = faster than stock Oscar). A page that answered"
        f" fewer than {bench_run.MIN_REQUESTS} requests in {result['duration_s']} s was"
        f" measured again for longer (the seconds shown by its name). Search results found:"
        f" {searches}. Products stock Oscar's lists say they hold: {listed}."
        f" SQL cold (cache emptied), ours/stock: "
        + ", ".join(
            f"{name} {result['ours'][name]['sql']['cold']}/{page['sql']['cold']}"
            for name, page in result["pages"].items()
            if name in result["ours"]
        )
        + ".",
        "",
    ]
    return "\n".join(lines)


def write_docs(output: Path):
    paths = sorted(bench_run.RESULTS.glob(f"{PREFIX}*.json"))
    results = [json.loads(p.read_text()) for p in paths]
    results.sort(key=lambda r: (r["database"] != "postgres", r["products"]))
    block = "\n".join([START, "", *[table(r) for r in results], END])
    text = output.read_text()
    if START in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n## Against stock django-oscar (same run)\n\n" + block + "\n"
    output.write_text(text)
