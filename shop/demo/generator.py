"""A national-scale OCOP catalogue, generated: `manage.py generate_catalogue --products N`.

For benchmarks and for tests at small N. The mix follows DOMAIN.md: ~81% food, then
beverages, herbs, crafts, ornamentals and <1% tourism; 65% 3★, 33% 4★, 2% 5★; producers
across all 34 provinces, mostly cooperatives and households. About 15% of the products are
not listable, in every way the listing rule knows (expired, revoked, rated 2★, producer
suspended or pending, withdrawn), so the rule is exercised at scale.

Rows are bulk-inserted (no per-row services or signals: 100,000 products in minutes), then
the search index is rebuilt from the listing rule. The same seed gives the same catalogue.
Generated rows are marked (partner code, UPC and registration number start with "GEN-")
so a second run adds to them rather than repeating them.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from catalog import selectors
from catalog.models import Batch, Certificate, Commune, Producer, Province
from catalog.models.batches import TRACE_ALPHABET, TRACE_CODE_LENGTH
from catalog.models.certificates import number_key
from catalog.product_classes import GOODS, SERVICES, ensure_product_classes
from shop.demo.base import read_data
from shop.demo.loaders.catalog import DATA_FILE
from shop.demo.loaders.catalog.catalogue import load_product_groups, slug_vi

Category = get_model("catalogue", "Category")
Option = get_model("catalogue", "Option")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

BATCH = 2000
MARK = "GEN-"
# Share of products per OCOP group (DOMAIN.md, national mix 2021), and what their titles
# start with, by sub-group.
GROUP_SHARES = {
    "thuc-pham": 81,
    "do-uong": 7.5,
    "duoc-lieu": 3.5,
    "thu-cong-my-nghe": 6,
    "sinh-vat-canh": 1.5,
    "du-lich-cong-dong": 0.5,
}
KINDS = {
    "mat-ong": "Mật ong rừng, Mật ong hoa nhãn, Mật ong bạc hà, Mật ong ruồi",
    "nuoc-mam-nuoc-cham": "Nước mắm cốt, Nước mắm cá cơm, Nước mắm nhĩ, Tương ớt",
    "trai-cay-tuoi": "Bưởi da xanh, Cam sành, Nhãn lồng, Vải thiều, Thanh long ruột đỏ",
    "thit-gio-cha": "Giò lụa, Giò bê, Chả mực, Chả cá, Nem chua, Thịt trâu gác bếp",
    "thuy-hai-san": "Tôm khô, Mực một nắng, Cá khô, Ruốc hàu, Sá sùng khô",
    "mien-tinh-bot": "Miến dong, Gạo ST25, Gạo nếp cái hoa vàng, Tinh bột sắn dây",
    "duong-banh-keo": "Bánh cốm, Bánh pía, Bánh gai, Kẹo dừa, Đường thốt nốt",
    "tra": "Trà shan tuyết, Trà hoa vàng, Trà xanh, Trà ô long, Trà sen",
    "ca-phe": "Cà phê rang xay, Cà phê robusta, Cà phê arabica",
    "ruou": "Rượu nếp, Rượu ngô, Rượu táo mèo, Rượu ba kích, Rượu men lá",
    "tra-duoc-lieu": "Trà cà gai leo, Trà giảo cổ lam, Cao atiso, Cao chè vằng",
    "thuc-pham-bao-ve-suc-khoe": "Nấm linh chi đỏ, Đông trùng hạ thảo, Tinh nghệ mật ong",
    "tinh-dau-my-pham": "Tinh dầu quế, Tinh dầu sả chanh, Tinh dầu tràm",
    "gom-su": "Bình gốm men rạn, Ấm chén gốm, Lục bình gốm",
    "may-tre-dan": "Giỏ mây tre đan, Chiếu cói, Nón lá, Khay tre",
    "det-tho-cam": "Khăn thổ cẩm, Túi thổ cẩm, Lụa tơ tằm",
    "hoa-cay-canh": "Lan hồ điệp, Đào thế, Quất cảnh",
    "bonsai": "Bonsai sam hương, Bonsai linh sam",
    "ca-canh": "Cá chép Koi, Cá vàng ba đuôi",
    "ban-du-lich-cong-dong": "Du lịch cộng đồng bản, Homestay bản",
    "du-lich-sinh-thai": "Du lịch sinh thái làng, Trải nghiệm vườn",
    "diem-du-lich": "Điểm du lịch làng nghề, Điểm du lịch thác",
}
PACKS = ["", "", "", " loại đặc biệt", " hộp quà", " đóng gói 500g"]
ENTITY_TYPES = [  # DOMAIN.md, producers in 2021
    (Producer.EntityType.COOPERATIVE, "Hợp tác xã", 38),
    (Producer.EntityType.ENTERPRISE, "Công ty TNHH", 28),
    (Producer.EntityType.HOUSEHOLD, "Hộ kinh doanh", 31),
    (Producer.EntityType.COOPERATIVE_GROUP, "Tổ hợp tác", 3),
]
NAMES = (
    "Hương Rừng Xanh Việt Sơn Phúc An Tân Hòa Bình Minh Thịnh Lộc Đại Ngàn Mây Nguồn Quê "
    "Làng Bản Đất Vàng Hồng Thành Long Hải Thủy Tiên Nông Sạch Thảo Mộc Nam Bắc"
).split()
# How products end up not listable (the rest, ~85%, are listed).
UNLISTED = {"expired": 6, "revoked": 2, "two_stars": 3, "withdrawn": 1}
PRODUCERS_NOT_VERIFIED = {Producer.Status.SUSPENDED: 2, Producer.Status.PENDING: 1}


@dataclass
class Generated:
    producers: int = 0
    products: int = 0
    listable: int = 0
    indexed: int = 0


def generate_catalogue(
    *,
    products: int,
    producers: int | None = None,
    seed: int = 2026,
    progress: Callable[[str, int, int], None] | None = None,
) -> Generated:
    """Adds `products` products (and `producers` producers, by default one per 1.8
    products, the national ratio) and reindexes search."""
    rng = random.Random(seed)
    progress = progress or (lambda step, done, total: None)
    producers = producers or max(1, round(products / 1.8))
    today = selectors.today()
    start = Partner.objects.filter(code__startswith=MARK).count()
    with transaction.atomic():
        taxonomy = _taxonomy()
        made_producers = _producers(rng, count=producers, start=start, today=today)
        progress("producers", producers, producers)
        first = Product.objects.filter(upc__startswith=MARK).count()
        for offset in range(0, products, BATCH):
            size = min(BATCH, products - offset)
            _products(rng, taxonomy, made_producers, today, start=first + offset, size=size)
            progress("products", offset + size, products)
    generated = Generated(producers=producers, products=products)
    generated.listable = selectors.listable_products().count()
    generated.indexed = _reindex(progress)
    return generated


def _taxonomy() -> list[tuple]:
    """[(share, category, product class, kinds)] for every sub-group."""
    categories = load_product_groups(read_data(DATA_FILE))
    classes = ensure_product_classes(ProductClass, Option)
    taxonomy = []
    for group_slug, share in GROUP_SHARES.items():
        group = categories[group_slug]
        children = [c for c in group.get_children() if c.slug in KINDS]
        product_class = classes[SERVICES if group_slug == "du-lich-cong-dong" else GOODS]
        for child in children:
            kinds = KINDS[child.slug].split(", ")
            taxonomy.append((share / len(children), child, product_class, kinds))
    return taxonomy


def _producers(rng, *, count: int, start: int, today) -> list[Producer]:
    provinces = list(Province.objects.all())
    communes: dict[int, list[int]] = {}
    for code, province in Commune.objects.values_list("code", "province_id"):
        communes.setdefault(province, []).append(code)
    statuses = [(status, share) for status, share in PRODUCERS_NOT_VERIFIED.items()]
    statuses.append((Producer.Status.VERIFIED, 100 - sum(PRODUCERS_NOT_VERIFIED.values())))
    partners, made = [], []
    for number in range(start, start + count):
        kind, form, _share = rng.choices(ENTITY_TYPES, [t[2] for t in ENTITY_TYPES])[0]
        name = f"{form} {' '.join(rng.sample(NAMES, 2))} {number}"
        partners.append(Partner(name=name, code=f"{MARK}{number:07d}"))
        province = rng.choice(provinces)
        status = rng.choices([s for s, _ in statuses], [w for _, w in statuses])[0]
        made.append(
            Producer(
                legal_name=name,
                entity_type=kind,
                registration_number=f"{MARK}{number:010d}",
                province=province,
                commune_id=rng.choice(communes[province.code]),
                women_led=rng.random() < 0.39,
                status=status,
                verified_at=timezone.now() if status == Producer.Status.VERIFIED else None,
                story_history=f"<p>{name} làm sản phẩm truyền thống của {province.name}.</p>",
            )
        )
    partners = Partner.objects.bulk_create(partners, batch_size=BATCH)
    for partner, producer in zip(partners, made, strict=True):
        producer.partner = partner
    return Producer.objects.bulk_create(made, batch_size=BATCH)


def _products(rng, taxonomy, producers, today, *, start: int, size: int) -> None:
    weights = [entry[0] for entry in taxonomy]
    specs = []
    for number in range(start, start + size):
        _share, category, product_class, kinds = rng.choices(taxonomy, weights)[0]
        producer = rng.choice(producers)
        place = producer.province.short_name
        title = f"{rng.choice(kinds)} {place}{rng.choice(PACKS)}"
        fate = rng.choices(
            ["listed", *UNLISTED], [100 - sum(UNLISTED.values()), *UNLISTED.values()]
        )[0]
        specs.append((number, title, category, product_class, producer, fate))
    made = Product.objects.bulk_create(
        [
            Product(
                title=title,
                slug=slug_vi(title)[:128],
                upc=f"{MARK}{number:08d}",
                structure=Product.STANDALONE,
                product_class=product_class,
                is_public=fate != "withdrawn",
                description=f"<p>{title}, sản phẩm OCOP của {producer.legal_name}.</p>",
            )
            for number, title, category, product_class, producer, fate in specs
        ]
    )
    ProductCategory.objects.bulk_create(
        [ProductCategory(product=p, category=spec[2]) for p, spec in zip(made, specs, strict=True)]
    )
    StockRecord.objects.bulk_create(
        [
            StockRecord(
                product=product,
                partner_id=spec[4].partner_id,
                partner_sku=product.upc,
                price=Decimal(int(round(30_000 * 50 ** rng.random(), -3))),  # mostly cheap
                price_currency="VND",
                num_in_stock=rng.choice([0, 5, 20, 50, 200]) if spec[3].track_stock else None,
            )
            for product, spec in zip(made, specs, strict=True)
        ]
    )
    Certificate.objects.bulk_create(
        [
            _certificate(rng, product, spec[5], today)
            for product, spec in zip(made, specs, strict=True)
        ]
    )
    Batch.objects.bulk_create(
        [_batch(rng, product, today) for product in made if rng.random() < 0.3]
    )


def _certificate(rng, product, fate: str, today) -> Certificate:
    stars = 2 if fate == "two_stars" else rng.choices([3, 4, 5], [65, 33, 2])[0]
    decided = today - datetime.timedelta(days=rng.randrange(30, 1000))
    if fate == "expired":
        decided = today - relativedelta(months=36) - datetime.timedelta(days=rng.randrange(1, 400))
    status = {"expired": Certificate.Status.EXPIRED, "revoked": Certificate.Status.REVOKED}.get(
        fate, Certificate.Status.VALID
    )
    decision = f"{rng.randrange(100, 9999)}/QĐ-UBND-{product.upc}"
    band = {2: (30, 49), 3: (50, 69), 4: (70, 89), 5: (90, 100)}[stars]
    return Certificate(
        product=product,
        stars=stars,
        score=rng.randint(*band),
        criteria_version=Certificate.CriteriaVersion.D148,
        level=Certificate.Level.CENTRAL if stars == 5 else Certificate.Level.PROVINCE,
        issuing_body="Hội đồng OCOP" if stars == 5 else "UBND tỉnh",
        decision_number=decision,
        decision_key=number_key(decision),
        decision_date=decided,
        valid_from=decided,
        valid_until=decided + relativedelta(months=36) - datetime.timedelta(days=1),
        status=status,
    )


def _batch(rng, product, today) -> Batch:
    produced = today - datetime.timedelta(days=rng.randrange(1, 300))
    code = "".join(rng.choice(TRACE_ALPHABET) for _ in range(TRACE_CODE_LENGTH))
    return Batch(
        product=product,
        lot_code=f"L{produced:%y%m%d}",
        produced_on=produced,
        best_before=produced + datetime.timedelta(days=365),
        quantity=rng.choice([100, 200, 500]),
        origin_area=product.title,
        trace_code=code,
    )


def _reindex(progress) -> int:
    from search.backends import index_backends
    from search.indexing import product_documents

    total = selectors.listable_products().count()
    count = 0
    for backend in index_backends():
        count = backend.rebuild(
            product_documents(), progress=lambda done: progress("search index", done, total)
        )
    return count
