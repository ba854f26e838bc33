"""Reads of the OCOP catalog. The listing rule lives here, and only here."""

import datetime
import functools

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    Expression,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.models import Batch, Certificate, Producer, QualityCertification
from catalog.models.certificates import number_key

Category = get_model("catalogue", "Category")
Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def today() -> datetime.date:
    """The shop's day: certificates lapse at midnight in Vietnam (TIME_ZONE)."""
    return timezone.localdate()


def _today(on: datetime.date | None) -> datetime.date:
    return on or today()


def certificates_listable(*, on: datetime.date | None = None) -> QuerySet:
    """Certificates that make a product an OCOP product on that day."""
    return Certificate.objects.in_force(on=_today(on)).filter(
        stars__gte=settings.OCOP_LISTED_MIN_STARS
    )


def listable_products(*, on: datetime.date | None = None) -> QuerySet:
    """THE LISTING RULE. A product is listable iff it is public, its producer is verified,
    and it holds a certificate with status valid, stars ≥ OCOP_LISTED_MIN_STARS (3) and
    valid_from ≤ today ≤ valid_until.

    Every consumer of products goes through here (or `is_listable`): browse, category,
    detail, search (indexing and every query), sitemap, basket availability and checkout.
    """
    # A fresh copy of the day's queryset: building it costs more than the query it makes
    # (a basket add asks the rule twice); the copy is the caller's to filter or evaluate.
    return _listable_products(_today(on), settings.OCOP_LISTED_MIN_STARS).all()


@functools.lru_cache(maxsize=8)
def _listable_products(on: datetime.date, min_stars: int) -> QuerySet:
    certified = certificates_listable(on=on).filter(product=OuterRef("pk"))
    made_by_verified_producer = producers_of(OuterRef("pk")).filter(status=Producer.Status.VERIFIED)
    return (
        Product._default_manager.browsable()
        .filter(Exists(certified), Exists(made_by_verified_producer), is_public=True)
        # Rows carry the verdict, so availability checks on them need no second query.
        .annotate(passed_listing_rule=Value(True, output_field=BooleanField()))
    )


def is_listable(product, *, on: datetime.date | None = None) -> bool:
    """The listing rule for one product (the predicate form of `listable_products`).

    Today's verdict is kept on the instance, so the page, the price box and the basket
    strategy of one request ask the database once; a fresh instance asks again.
    """
    if on is not None:
        return listable_products(on=on).filter(pk=product.pk).exists()
    if getattr(product, "passed_listing_rule", None) is None:
        product.passed_listing_rule = listable_products().filter(pk=product.pk).exists()
    return product.passed_listing_rule


def with_listing_verdict(products: QuerySet, *, product_field: str = "pk") -> QuerySet:
    """Rows annotated with today's listing verdict of their product (`passed_listing_rule`
    on products; on other rows, name the product's key in `product_field`)."""
    name = "passed_listing_rule" if product_field == "pk" else "product_passed_listing_rule"
    return products.annotate(**{name: ListingVerdict(F(product_field), on=today())})


class ListingVerdict(Expression):
    """Whether the product whose key is `product` is listable on the day `on`: EXISTS over
    `listable_products`, the rule's queryset, compiled to SQL once a day per database.
    Django would compile its nested subqueries again in every query that carries the
    verdict, which takes longer than PostgreSQL takes to run them: about 0.8 ms per query,
    twice per basket add (the product, the basket's lines)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, product, *, on: datetime.date):
        super().__init__()
        self.product, self.on = product, on

    def get_source_expressions(self):
        return [self.product]

    def set_source_expressions(self, exprs):
        (self.product,) = exprs

    def as_sql(self, compiler, connection):
        rule, rule_params = _listable_sql(self.on, settings.OCOP_LISTED_MIN_STARS, connection.alias)
        key, key_params = compiler.compile(self.product)
        pk = connection.ops.quote_name("pk")  # the column values_list("pk") names
        sql = f"EXISTS (SELECT 1 FROM ({rule}) listed WHERE listed.{pk} = {key})"
        return sql, (*rule_params, *key_params)


@functools.lru_cache(maxsize=8)
def _listable_sql(on: datetime.date, min_stars: int, alias: str) -> tuple[str, tuple]:
    listed = _listable_products(on, min_stars).order_by().values_list("pk")
    return listed.query.get_compiler(alias).as_sql()


def was_ever_ocop(product) -> bool:
    """Whether a product ever held a 3★+ certificate: its page may exist even when it is
    not for sale, to say why. Never-certified products have no page."""
    floor = settings.OCOP_LISTED_MIN_STARS
    if "certificates" in getattr(product, "_prefetched_objects_cache", {}):
        return any(
            c.status in Certificate.DECIDED and c.stars >= floor for c in product.certificates.all()
        )
    return product.certificates.decided().filter(stars__gte=floor).exists()


def unlisted_reason(product, *, on: datetime.date | None = None) -> str | None:
    """Why a shopper cannot buy this product (None when it is listable), in their words.
    The reasons are checked in the listing rule's order, the product itself first."""
    if is_listable(product, on=on):
        return None
    today = _today(on)
    if not product.is_public:
        return _("The shop has withdrawn this product from sale.")
    # Certificate.Meta.ordering: latest decision first; uploads the province has not
    # accepted are not a certificate yet.
    latest = product.certificates.decided().first()
    if latest is None:
        if product.certificates.filter(status=Certificate.Status.PENDING).exists():
            return _("Its OCOP certificate is awaiting verification by the province.")
        return _("This product has no OCOP certificate.")
    status = latest.status_on(on=today)
    if status == Certificate.Status.REVOKED:
        return _("Its OCOP certificate was revoked.")
    if status == Certificate.Status.EXPIRED:
        return _("Its OCOP certificate expired on %(date)s.") % {
            "date": latest.valid_until.strftime("%d/%m/%Y")
        }
    if latest.stars < settings.OCOP_LISTED_MIN_STARS:
        return _("It is rated below %(stars)s stars, so it is not sold as an OCOP product.") % {
            "stars": settings.OCOP_LISTED_MIN_STARS
        }
    if latest.valid_from > today:
        return _("Its OCOP certificate is not valid yet.")
    return _("Its producer is not currently verified.")


# Who made a product: the producer behind the partner of its stock record (Oscar's Partner
# is one-to-one with our Producer). Written once here, in SQL and in Python; the listing
# rule, search indexing, the product page and checkout's split per producer all use it.


PRODUCER_OF_STOCKRECORD = ("partner__producer__province", "partner__producer__commune")


def producers_of(product) -> QuerySet:
    """The producers of a product, as a queryset (`product` may be an OuterRef)."""
    return Producer.objects.filter(partner__stockrecords__product=product)


def producer_of(product) -> Producer | None:
    """The producer of one product. Free when the product's stock records were fetched with
    `with_producers()`; one query otherwise."""
    if "stockrecords" in getattr(product, "_prefetched_objects_cache", {}):
        records = product.stockrecords.all()
    else:
        records = StockRecord.objects.filter(product=product).select_related(
            *PRODUCER_OF_STOCKRECORD
        )[:1]
    for record in records:
        return getattr(record.partner, "producer", None)
    return None


def with_producers(products: QuerySet) -> QuerySet:
    """Products with what `producer_of` reads fetched in one more query."""
    return products.prefetch_related(_stock_records_with_producers())


def fetch_producers(products: list) -> None:
    """`with_producers` for products already loaded (a basket's lines'): one query for all
    of them, none for those whose stock records were fetched already."""
    prefetch_related_objects(products, _stock_records_with_producers())


def _stock_records_with_producers() -> Prefetch:
    return Prefetch(
        "stockrecords", queryset=StockRecord.objects.select_related(*PRODUCER_OF_STOCKRECORD)
    )


def products_of(producer: Producer) -> QuerySet:
    """Every product a producer sells, listable or not."""
    return Product._default_manager.filter(stockrecords__partner__producer=producer).distinct()


def _purchasable(products: QuerySet) -> QuerySet:
    """What any page that sells a product reads of it besides related rows: its class, its
    listing verdict, and whether it has options (Oscar's Product.has_options reads these
    two annotations, as its ProductQuerySet.base_queryset sets them, instead of asking)."""
    return with_listing_verdict(products.select_related("product_class", "parent")).annotate(
        has_product_class_options=Exists(
            Option.objects.filter(productclass=OuterRef("product_class"))
        ),
        has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
    )


def for_product_page(products: QuerySet) -> QuerySet:
    """Products with what their page reads on every request fetched up front: the
    certificates (star badge, whether it ever was OCOP) and the stock records with the
    producer (price box, add-to-basket form). Pictures and groups are asked only when the
    page's cached fragments are drawn again (shop/catalogue/views.py)."""
    return _purchasable(products).prefetch_related(
        "certificates",
        Prefetch(
            "stockrecords", queryset=StockRecord.objects.select_related(*PRODUCER_OF_STOCKRECORD)
        ),
    )


def for_basket(products: QuerySet) -> QuerySet:
    """Products as the add-to-basket form and the basket's strategy read them."""
    return _purchasable(products).prefetch_related("stockrecords")


def product_page_facts(product, *, on: datetime.date | None = None) -> dict:
    """Everything the product page shows beside Oscar's own data, in a fixed number of
    queries however many certificates or batches the product has."""
    today = _today(on)
    certificates = [c for c in product.certificates.all() if c.status in Certificate.DECIDED]
    producer = producer_of(product)

    def quality():
        if producer is None:
            return []
        return list(
            QualityCertification.objects.filter(
                Q(product__isnull=True) | Q(product=product), producer=producer, verified=True
            )
        )

    return {
        "certificate": next((c for c in certificates if c.is_in_force(on=today)), None),
        "certificate_history": certificates,
        "producer": producer,
        # Asked only if drawn: a page served from its cached fragments does not read them.
        "quality_certifications": SimpleLazyObject(quality),
        "batches": SimpleLazyObject(lambda: list(product.batches.all()[:5])),
        "unlisted_reason": unlisted_reason(product, on=on),
        "today": today,
    }


def certificates_in_force(*, on: datetime.date | None = None) -> Prefetch:
    """Prefetches each product's certificate in force as `product.certificates_in_force`
    (a list: empty, or the one certificate its star badge is read from)."""
    return Prefetch(
        "certificates",
        queryset=Certificate.objects.in_force(on=_today(on)),
        to_attr="certificates_in_force",
    )


def product_cards(products: QuerySet, *, on: datetime.date | None = None) -> QuerySet:
    """What a product card shows (image, price, stock, stars), in a fixed number of queries.
    The stars come with the row (`stars_in_force`, of the certificate the product page would
    show: latest decision first), not by fetching the certificates as well."""
    in_force = Certificate.objects.in_force(on=_today(on)).filter(product=OuterRef("pk"))
    return (
        products.select_related("product_class")
        .annotate(stars_in_force=Subquery(in_force.values("stars")[:1]))
        .prefetch_related("images", "stockrecords")
    )


def featured_products(*, limit: int = 8) -> QuerySet:
    return product_cards(listable_products().order_by("-date_created", "pk"))[:limit]


def product_groups() -> QuerySet:
    """Top-level public OCOP product groups, in taxonomy order (for menus)."""
    return Category.get_root_nodes().filter(is_public=True)


def browsable_categories() -> QuerySet:
    """Every public product group and sub-group whose ancestors are public, in taxonomy
    order (the storefront's menu and breadcrumbs)."""
    return Category.objects.browsable().order_by("path")


def batch_for_trace(*, code: str) -> Batch | None:
    """A batch with what its trace page shows of it and of its product (product_page_facts
    included) in a fixed number of queries."""
    batch = (
        with_listing_verdict(Batch.objects.select_related("product"), product_field="product_id")
        .prefetch_related(
            "steps",
            "certifications",
            "product__images",
            "product__certificates",
            Prefetch(
                "product__stockrecords",
                queryset=StockRecord.objects.select_related(*PRODUCER_OF_STOCKRECORD),
            ),
        )
        .filter(trace_code=code.strip().upper())
        .first()
    )
    if batch is not None:
        batch.product.passed_listing_rule = batch.product_passed_listing_rule
    return batch


def certificates_matching(*, number: str) -> QuerySet:
    """Certificates whose decision or certificate number is exactly what was typed."""
    key = number_key(number)
    return (
        Certificate.objects.decided()
        .filter(Q(decision_key=key) | Q(number_key=key))
        .select_related("product")
    )


# Province figures and chosen products: what CMS pages (province, point of sale, fair, home)
# show of the catalog. Always through `listable_products`, so a product that stops being
# listable leaves every page that chose it at the next request.


def listable_products_of_province(province, *, on: datetime.date | None = None) -> QuerySet:
    """Listable products made by producers of that province."""
    made_there = producers_of(OuterRef("pk")).filter(province=province)
    return listable_products(on=on).filter(Exists(made_there))


def producers_listed(*, on: datetime.date | None = None) -> QuerySet:
    """Producers with at least one listable product: the ones a page may show the public."""
    listed = listable_products(on=on).filter(stockrecords__partner__producer=OuterRef("pk"))
    return Producer.objects.filter(Exists(listed))


def province_figures(province, *, on: datetime.date | None = None) -> dict:
    """A province's OCOP figures computed now: listed products by stars and by product group,
    and producers with a listed product. Four queries whatever the province's size."""
    products = listable_products_of_province(province, on=on)
    stars_now = (
        certificates_listable(on=on).filter(product=OuterRef("pk")).order_by("-stars")
    ).values("stars")[:1]
    by_stars = dict(
        products.order_by()
        .annotate(stars_now=Subquery(stars_now))
        .values_list("stars_now")
        .annotate(count=Count("pk", distinct=True))
        .values_list("stars_now", "count")
    )
    groups = {group.path: group for group in product_groups()}
    in_group: dict[str, set] = {path: set() for path in groups}
    for pk, path in products.order_by().values_list("pk", "categories__path"):
        root = (path or "")[: Category.steplen]
        if root in in_group:
            in_group[root].add(pk)
    return {
        "products": products.count(),
        "by_stars": [(stars, by_stars.get(stars, 0)) for stars in _listed_star_levels()],
        "by_group": [(groups[path], len(pks)) for path, pks in in_group.items() if pks],
        "producers": producers_listed(on=on).filter(province=province).count(),
    }


def _listed_star_levels() -> list[int]:
    return [
        stars
        for stars in sorted(settings.OCOP_STAR_BANDS)
        if stars >= settings.OCOP_LISTED_MIN_STARS
    ]


def listed_counts_by_province(*, on: datetime.date | None = None) -> dict[int, dict]:
    """{province code: {"products": n, "producers": m}} for every province with a listed
    product, in two queries (the province index shows all 34)."""
    products = (
        listable_products(on=on)
        .order_by()
        .values_list("stockrecords__partner__producer__province")
        .annotate(count=Count("pk", distinct=True))
    )
    producers = (
        producers_listed(on=on).order_by().values_list("province").annotate(count=Count("pk"))
    )
    counts: dict[int, dict] = {}
    for code, count in products:
        counts.setdefault(code, {"products": 0, "producers": 0})["products"] = count
    for code, count in producers:
        counts.setdefault(code, {"products": 0, "producers": 0})["producers"] = count
    return counts


def listable_products_chosen(product_ids, *, on: datetime.date | None = None) -> list:
    """The listable ones among products an editor chose, in the editor's order, ready for
    product cards (the others are left out without a word: the page never shows them)."""
    product_ids = [pk for pk in product_ids if pk is not None]
    found = product_cards(listable_products(on=on).filter(pk__in=product_ids), on=on)
    by_id = {product.pk: product for product in found}
    return [by_id[pk] for pk in dict.fromkeys(product_ids) if pk in by_id]


def producers_chosen(producer_ids, *, on: datetime.date | None = None) -> list:
    """The producers among those an editor chose that have a listed product, in that order."""
    producer_ids = [pk for pk in producer_ids if pk is not None]
    found = (
        producers_listed(on=on).filter(pk__in=producer_ids).select_related("province", "commune")
    )
    by_id = {producer.pk: producer for producer in found}
    return [by_id[pk] for pk in dict.fromkeys(producer_ids) if pk in by_id]


# The portals: a producer's own things, a province's queue and statistics -----------------


def product_group_choices() -> QuerySet:
    """The OCOP groups and sub-groups of today's taxonomy a producer files a product under."""
    return Category.objects.filter(ocop_group__period="2021-2025", is_public=True).order_by("path")


def portal_products(producer: Producer) -> QuerySet:
    """A producer's products for its dashboard: stock record, pictures and the certificate
    in force fetched with them, newest first."""
    return (
        products_of(producer)
        .prefetch_related("stockrecords", "images", "categories", certificates_in_force())
        .order_by("-date_created", "-pk")
    )


def portal_certificates(producer: Producer) -> QuerySet:
    """Every certificate of a producer's products, pending ones included, newest first."""
    return (
        Certificate.objects.filter(product__in=products_of(producer))
        .select_related("product", "reviewed_by")
        .order_by("-created_at", "-pk")
    )


def portal_batches(producer: Producer) -> QuerySet:
    return Batch.objects.filter(product__in=products_of(producer)).select_related("product")


def producers_awaiting_review(province=None) -> QuerySet:
    producers = Producer.objects.filter(status=Producer.Status.PENDING)
    if province is not None:
        producers = producers.filter(province=province)
    return producers.select_related("province", "commune").order_by("registered_at", "pk")


def certificates_of_province(province=None) -> QuerySet:
    """Certificates of products made by the province's producers (all provinces: None)."""
    certificates = Certificate.objects.select_related("product")
    if province is not None:
        certificates = certificates.filter(
            product__stockrecords__partner__producer__province=province
        ).distinct()
    return certificates


def certificates_awaiting_review(province=None) -> QuerySet:
    return (
        certificates_of_province(province)
        .filter(status=Certificate.Status.PENDING)
        .order_by("created_at", "pk")
    )


def certificates_expiring(province=None, *, within_days: int = 60, on=None) -> QuerySet:
    """Valid certificates whose last day falls within the next `within_days` days."""
    day = _today(on)
    return (
        certificates_of_province(province)
        .filter(
            status=Certificate.Status.VALID,
            valid_until__gte=day,
            valid_until__lte=day + datetime.timedelta(days=within_days),
        )
        .order_by("valid_until", "pk")
    )


def province_statistics(province, *, on=None) -> dict:
    """What a province officer reports: the province's figures (province_figures, the same
    the CMS shows) as rows of (label, count), plus listed products by commune and
    producers by entity type."""
    figures = province_figures(province, on=on)
    listed_ids = listable_products_of_province(province, on=on).values("pk")
    by_commune = (
        Producer.objects.filter(province=province, partner__stockrecords__product__in=listed_ids)
        .values_list("commune__name")
        .annotate(n=Count("partner__stockrecords__product", distinct=True))
        .order_by("-n", "commune__name")
    )
    entity_labels = dict(Producer.EntityType.choices)
    by_entity = (
        Producer.objects.filter(province=province)
        .exclude(status=Producer.Status.REJECTED)
        .values_list("entity_type")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    return {
        "by_stars": [(f"{stars}★", n) for stars, n in reversed(figures["by_stars"]) if n],
        "by_group": sorted(
            ((group.name, n) for group, n in figures["by_group"]), key=lambda row: (-row[1], row[0])
        ),
        "by_commune": list(by_commune),
        "by_entity_type": [(str(entity_labels.get(k, k)), n) for k, n in by_entity],
    }


# Open data: what the public API, its exports and the shopping feeds read (shop/api/). Every
# product comes from `listable_products`; certificates are public records of decisions, so
# expired and revoked ones are shown too, each saying whether its product is on sale.


def open_data_products(*, on: datetime.date | None = None) -> QuerySet:
    """Listable products with everything the API and the feeds show, in a fixed number of
    queries: stock record with its producer, images, groups, the certificate in force, and
    the trace code of the latest batch (`latest_trace_code`)."""
    latest_batch = Batch.objects.filter(product=OuterRef("pk")).order_by("-produced_on", "-pk")
    return (
        listable_products(on=on)
        .select_related("product_class")
        .prefetch_related(
            "images",
            "categories",
            certificates_in_force(on=on),
            Prefetch(
                "stockrecords",
                queryset=StockRecord.objects.select_related(*PRODUCER_OF_STOCKRECORD),
            ),
        )
        .annotate(latest_trace_code=Subquery(latest_batch.values("trace_code")[:1]))
    )


def products_changed_since(products: QuerySet, since: datetime.datetime) -> QuerySet:
    """Those of `products` whose own row, price or stock record, or certificate changed at
    or after `since` (a partner's incremental sync)."""
    certificate_changed = Certificate.objects.filter(product=OuterRef("pk")).filter(
        Q(created_at__gte=since) | Q(status_changed_at__gte=since) | Q(reviewed_at__gte=since)
    )
    record_changed = StockRecord.objects.filter(product=OuterRef("pk"), date_updated__gte=since)
    return products.filter(
        Q(date_updated__gte=since) | Exists(certificate_changed) | Exists(record_changed)
    )


def products_in_group(products: QuerySet, group) -> QuerySet:
    """Those of `products` filed under an OCOP group (a Category) or one of its sub-groups."""
    in_group = Category.objects.filter(path__startswith=group.path, product=OuterRef("pk"))
    return products.filter(Exists(in_group))


def products_rated(products: QuerySet, stars: int, *, on: datetime.date | None = None):
    """Those of `products` whose certificate in force has that many stars."""
    rated = certificates_listable(on=on).filter(product=OuterRef("pk"), stars=stars)
    return products.filter(Exists(rated))


def public_certificates(*, on: datetime.date | None = None) -> QuerySet:
    """Every decided certificate (valid, expired, revoked, superseded), so anyone can check
    a claim, each with `product_listed` (its product is on sale now: the listing rule) and
    `province_code` (of its product's producer)."""
    listed = listable_products(on=on).filter(pk=OuterRef("product_id"))
    province = producers_of(OuterRef("product_id")).values("province_id")[:1]
    return (
        Certificate.objects.decided()
        .select_related("product", "product_group")
        .annotate(product_listed=Exists(listed), province_code=Subquery(province))
    )
