"""Search latency of the database backend (search.backends.database): p50/p95/max in ms of
typical shopper queries at 10,000 and 100,000 products, on SQLite and on PostgreSQL.

    python -m bench.search_latency [--sizes 10000 100000] [--databases sqlite postgres]
                                   [--repeat 30] [--output docs/PERFORMANCE.md]

A benchmark, not a test: it measures and reports, it asserts nothing. Each database is
measured in its own child process (Django is set up once per process) on a throwaway
database: SQLite in a temp dir, PostgreSQL `ocop_bench` on 127.0.0.1:5432 (created and
dropped here). The catalogue is generated (seeded, so every run sees the same products) and
indexed through DatabaseBackend._entry, with documents shaped like product_document's.
"""

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path

PG_DSN, PG_DB = "host=127.0.0.1 port=5432 user=postgres dbname=postgres", "ocop_bench"
SEED, BATCH = 20251101, 2000
START, END = "<!-- bench:results start -->", "<!-- bench:results end -->"

# The six OCOP groups: "slug | name | share of products", then their categories, indented:
# "slug | name | kinds of product (a title starts with one)".
CATALOGUE = """
thuc-pham | Thực phẩm | 55
  mat-ong | Mật ong | Mật ong rừng, Mật ong hoa nhãn, Mật ong bạc hà, Mật ong ruồi
  nuoc-mam-nuoc-cham | Nước mắm và nước chấm | Nước mắm cốt, Nước mắm cá cơm, Nước mắm nhĩ
  thit-gio-cha | Thịt và giò chả | Giò lụa, Giò bê, Chả mực, Chả cá, Nem chua, Thịt trâu gác bếp
  mien-tinh-bot | Miến và tinh bột | Miến dong, Gạo ST25, Gạo nếp cái hoa vàng, Tinh bột sắn dây
  duong-banh-keo | Đường và bánh kẹo | Bánh cốm, Bánh pía, Bánh gai, Kẹo dừa, Đường thốt nốt
  trai-cay-tuoi | Trái cây tươi | Bưởi da xanh, Cam sành, Nhãn lồng, Vải thiều, Thanh long ruột đỏ
  thuy-hai-san | Thủy hải sản | Tôm khô, Mực một nắng, Cá khô, Ruốc hàu, Sá sùng khô
do-uong | Đồ uống | 14
  tra | Trà | Trà shan tuyết, Trà hoa vàng, Trà xanh, Trà ô long, Trà sen, Trà nõn tôm
  ca-phe | Cà phê | Cà phê rang xay, Cà phê robusta, Cà phê arabica, Cà phê hạt nguyên chất
  ruou | Rượu | Rượu nếp, Rượu ngô, Rượu táo mèo, Rượu ba kích, Rượu men lá
duoc-lieu | Dược liệu và sản phẩm từ dược liệu | 15
  tra-duoc-lieu | Trà và cao dược liệu | Trà cà gai leo, Trà giảo cổ lam, Cao atiso, Cao chè vằng
  thuc-pham-bao-ve-suc-khoe | Thực phẩm bảo vệ sức khỏe | Nấm linh chi đỏ, Đông trùng hạ thảo
  tinh-dau-my-pham | Tinh dầu và mỹ phẩm thảo dược | Tinh dầu quế, Tinh dầu sả chanh, Tinh dầu tràm
thu-cong-my-nghe | Thủ công mỹ nghệ | 10
  gom-su | Gốm sứ | Bình gốm men rạn, Ấm chén gốm, Lục bình gốm
  may-tre-dan | Mây tre đan | Giỏ mây tre đan, Chiếu cói, Nón lá, Khay tre
  det-tho-cam | Dệt may và thổ cẩm | Khăn thổ cẩm, Túi thổ cẩm, Lụa tơ tằm
sinh-vat-canh | Sinh vật cảnh | 3
  hoa-cay-canh | Hoa và cây cảnh | Lan hồ điệp, Đào thế, Quất cảnh
  bonsai | Bonsai | Bonsai sam hương, Bonsai linh sam
du-lich-cong-dong | Dịch vụ du lịch cộng đồng | 3
  ban-du-lich-cong-dong | Bản du lịch cộng đồng | Du lịch cộng đồng bản, Homestay bản
"""
GROUPS = []  # [(slug, name, share, [(category slug, name, [kinds])])]
for _line in CATALOGUE.strip().splitlines():
    _slug, _name, _rest = (part.strip() for part in _line.split("|"))
    if _line.startswith(" "):
        GROUPS[-1][3].append((_slug, _name, _rest.split(", ")))
    else:
        GROUPS.append((_slug, _name, int(_rest), []))
PACKS = ["", "", "", " loại đặc biệt", " hộp quà", " đóng gói 500g"]
FORMS = ["Hợp tác xã", "Công ty TNHH", "Công ty Cổ phần", "Hộ kinh doanh", "Cơ sở sản xuất"]
NAMES = (
    "Hương Rừng Xanh Việt Sơn Phúc An Tân Hòa Bình Minh Thịnh Lộc Đại Ngàn Mây Nguồn Quê "
    "Làng Bản Đất Vàng Hồng Thành Long Hải Thủy Tiên Nông Sạch Thảo Mộc Nam Bắc"
).split()
STORY = [
    "Sản phẩm của {producer}, làm thủ công tại {commune}, {province}.",
    "Nguyên liệu chọn lọc từ vùng trồng của {producer}.",
    "Đạt chứng nhận OCOP {stars} sao, đóng gói đảm bảo vệ sinh an toàn thực phẩm.",
    "Hương vị đặc trưng của {province}, thích hợp làm quà biếu.",
]
BROWSE = {"filters": {"stars": ("4",), "province": ("son_la",)}}
PAGE_3 = {"text": "mat ong", "sort": "price-asc", "offset": 48}
QUERY_SPECS = [  # (label, what it exercises, SearchQuery kwargs; None: suggest("mat o"))
    ("nuoc mam", "no accents", {"text": "nuoc mam"}),
    ("mật ong rừng", "accents", {"text": "mật ong rừng"}),
    ("tra", "broad one word", {"text": "tra"}),
    ("ca phe son la", "multi-word", {"text": "ca phe son la"}),
    ("nuoc mamm", "typo → did you mean", {"text": "nuoc mamm"}),
    ("(browse) ★4 + Sơn La", "no text, two filters", BROWSE),
    ("mat ong, price ↑, page 3", "sort + offset 48", PAGE_3),
    ('suggest("mat o")', "autocomplete", None),
]


def places():
    from vietnam_provinces import Province, Ward

    communes = {}
    for ward in Ward.iter_all():
        name = ward.name.split(" ", 2 if ward.name.startswith("Đặc khu") else 1)[-1]
        communes.setdefault(int(ward.province_code), []).append(name)
    return [
        (p.codename, p.name, p.name.removeprefix("Thành phố "), communes[int(p.code)])
        for p in Province.iter_all()
    ]


def documents(url_pattern):
    """Endless, deterministic stream of product_document-shaped dicts: ids 1, 2, 3, …"""
    from django.utils.text import slugify

    from search.text import fold

    rng, provinces = random.Random(SEED), places()
    producers = []
    for _ in range(2000):
        codename, province, short, communes = rng.choice(provinces)
        mark = " ".join(rng.sample(NAMES, 2))
        producers.append(
            (f"{rng.choice(FORMS)} {mark}", mark, codename, province, short, rng.choice(communes))
        )
    anchor, pk = datetime(2026, 11, 1, tzinfo=UTC), 0
    while True:
        pk += 1
        group, group_name, _share, categories = rng.choices(GROUPS, [g[2] for g in GROUPS])[0]
        category, category_name, kinds = rng.choice(categories)
        legal, mark, codename, province, short, commune = rng.choice(producers)
        place = rng.choices([short, commune, ""], [50, 35, 15])[0]
        title = f"{rng.choice(kinds)} {place}".strip() + rng.choice(PACKS)
        stars = rng.choices([3, 4, 5], [65, 33, 2])[0]
        description = " ".join(rng.sample(STORY, 3)).format(
            producer=legal, commune=commune, province=province, stars=stars
        )
        names = [title, description, legal, mark, province, commune, category_name, group_name]
        yield {
            "id": pk,
            "title": title,
            "title_folded": fold(title),
            "description": description,
            "text_folded": fold(" ".join(names)),
            "producer": legal,
            "province": codename,
            "province_name": province,
            "group": group,
            "group_name": group_name,
            "category": category,
            "stars": stars,
            "price": int(round(30_000 * 50 ** rng.random(), -3)),  # 30,000–1,500,000, most cheap
            "listed_at": anchor - timedelta(seconds=rng.randrange(3 * 365 * 86400)),
            "url": url_pattern.format(slug=slugify(fold(title)), pk=pk),
        }


def product_class():
    from oscar.core.loading import get_model

    ProductClass = get_model("catalogue", "ProductClass")
    name = "Sản phẩm OCOP"
    return ProductClass.objects.get_or_create(slug="san-pham-ocop", defaults={"name": name})[0]


def fill(size):
    """Grows the bench catalogue to `size` products (the stream's first `size`); seconds."""
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.urls import reverse
    from django.utils.text import slugify
    from oscar.core.loading import get_model

    from search.backends.database import VOCABULARY_CACHE_KEY, DatabaseBackend
    from search.models import ProductIndexEntry

    Product = get_model("catalogue", "Product")
    have = ProductIndexEntry.objects.count()
    if have > size:
        raise SystemExit(f"bench database holds {have} products, more than {size}")
    started = time.perf_counter()
    fixed = {"structure": "standalone", "is_public": True, "product_class": product_class()}

    def product(d):
        slug, upc = slugify(d["title_folded"]), f"BENCH-{d['id']:07d}"
        return Product(pk=d["id"], title=d["title"], slug=slug, upc=upc, **fixed)

    url = reverse("catalogue:detail", kwargs={"product_slug": "SLUG", "pk": 1})
    stream = islice(documents(url.replace("SLUG_1", "{slug}_{pk}")), have, size)
    with transaction.atomic():
        while batch := list(islice(stream, BATCH)):
            Product.objects.bulk_create([product(d) for d in batch], batch_size=BATCH)
            ProductIndexEntry.objects.bulk_create(
                [DatabaseBackend._entry(d) for d in batch], batch_size=BATCH
            )
    if connection.vendor == "postgresql":  # what autovacuum would have done by now
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_productindexentry")
            cursor.execute("CHECKPOINT")  # the bulk load's writes, flushed before timing
    cache.delete(VOCABULARY_CACHE_KEY)  # bulk_create bypasses index_products
    return time.perf_counter() - started


def measure(repeat):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.backends.base import SearchQuery
    from search.backends.database import VOCABULARY_CACHE_KEY, DatabaseBackend

    def timed(run):
        started = time.perf_counter()
        run()
        return (time.perf_counter() - started) * 1000

    def runner(spec):
        if spec is None:
            return lambda: DatabaseBackend().suggest("mat o")
        query = SearchQuery(**spec)
        return lambda: DatabaseBackend().search(query)

    cache.delete(VOCABULARY_CACHE_KEY)
    cold = timed(lambda: DatabaseBackend().search(SearchQuery(text="nuoc mamm")))
    rows = []
    for label, what, spec in QUERY_SPECS:
        run = runner(spec)
        with CaptureQueriesContext(connection) as captured:
            answer = run()
        for _ in range(3):
            run()
        samples = [timed(run) for _ in range(repeat)]
        cuts = statistics.quantiles(samples, n=100, method="inclusive")
        matches = len(answer) if spec is None else answer.total
        rows.append(dict(label=label, what=what, queries=len(captured), matches=matches))
        rows[-1].update(p50=cuts[49], p95=cuts[94], max=max(samples))
    return {"cold_vocabulary_ms": cold, "rows": rows, "load": os.getloadavg()[0]}


def worker(database, sizes, repeat):
    tmp = None
    if database == "sqlite":
        tmp = tempfile.mkdtemp(prefix="ocop-bench-")
        url = f"sqlite:///{tmp}/bench.sqlite3"
    else:
        pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)", f"CREATE DATABASE {PG_DB}")
        url = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.dev")
    # Never the shop's own database; no query log (DEBUG); the embedded locmem cache.
    os.environ.update(DATABASE_URL=url, DJANGO_DEBUG="false", REDIS_URL="")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        if database == "sqlite":  # a throwaway file: durability buys nothing here
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous = OFF")
        log(f"{database}: migrating")
        call_command("migrate", verbosity=0, interactive=False)
        with connection.cursor() as cursor:
            cursor.execute("SELECT sqlite_version()" if tmp else "SHOW server_version")
            version = cursor.fetchone()[0].split()[0]
        results = {"database": database, "version": version, "sizes": {}}
        for size in sorted(sizes):
            seconds = fill(size)
            log(f"{database}: {size:,} products ready ({seconds:.1f} s), measuring")
            results["sizes"][str(size)] = {"insert_s": seconds, **measure(repeat)}
        return results
    finally:
        connection.close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


def pg_admin(*statements):
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as admin:
        for statement in statements:
            admin.execute(statement)


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    cpu = next(
        (ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines() if ln.startswith("model name")),
        platform.processor() or "unknown",
    )
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    kib = next((int(ln.split()[1]) for ln in meminfo.splitlines() if ln.startswith("MemTotal")), 0)
    import django

    return (
        f"{os.cpu_count()} CPUs ({cpu}), {kib / 1024**2:.0f} GiB RAM, {platform.system()} · "
        f"Python {platform.python_version()} · Django {django.get_version()}"
    )


def report(results, repeat):
    engines = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    versions = "".join(f" · {engines[r['database']]} {r['version']}" for r in results)
    lines = [
        START,
        "",
        f"Measured {datetime.now():%Y-%m-%d} on {machine()}{versions}. "
        f"Each query: 3 warm-up runs, then {repeat} timed runs (`time.perf_counter`, "
        "whole `search()` call: matching, count, page of ids, facets).",
        "",
    ]
    for result in results:
        engine = engines[result["database"]]
        for size, data in result["sizes"].items():
            lines += [
                f"### {engine} {result['version']}, {int(size):,} products",
                "",
                f"Generated and indexed in {data['insert_s']:.1f} s. The first typo query after "
                f"an index change (vocabulary rebuilt, cache cold): "
                f"{data['cold_vocabulary_ms']:.0f} ms. Load average (1 min) when measured: "
                f"{data['load']:.1f} on {os.cpu_count()} CPUs.",
                "",
                "| Query | Exercises | Matches | SQL queries | p50 ms | p95 ms | max ms |",
                "|---|---|--:|--:|--:|--:|--:|",
            ]
            lines += [
                f"| {r['label']} | {r['what']} | {r['matches']:,} | {r['queries']} | "
                f"{r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} |"
                for r in data["rows"]
            ]
            slowest = max(data["rows"], key=lambda r: r["p95"])
            lines += ["", f"Slowest at p95: {slowest['label']} ({slowest['p95']:.1f} ms).", ""]
    return "\n".join([*lines, END])


TEMPLATE = """# Performance

## Search latency (database backend)

What is measured: `DatabaseBackend().search(SearchQuery(…))` end to end (matching, count,
one page of ids, the four facet aggregations) and `DatabaseBackend().suggest("mat o")`, on a
generated catalogue of OCOP products (seeded, so every run indexes the same products).

Reproduce: `make bench` (or `python -m bench.search_latency --help`).

{results}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"]
    )
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--output", default="docs/PERFORMANCE.md", help="'-': print only")
    parser.add_argument("--worker", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.sizes, args.repeat)))
        return
    results = []
    for database in args.databases:
        command = [sys.executable, "-m", "bench.search_latency", "--worker", database]
        command += ["--sizes", *map(str, args.sizes), "--repeat", str(args.repeat)]
        child = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
    block = report(results, args.repeat)
    print(block)
    if args.output != "-":
        output = Path(args.output)
        old = output.read_text() if output.exists() else ""
        if START in old and END in old:
            text = old[: old.index(START)] + block + old[old.index(END) + len(END) :]
        else:
            text = TEMPLATE.format(results=block)
        output.write_text(text)
        log(f"results written to {output}")


if __name__ == "__main__":
    main()
