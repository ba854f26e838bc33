"""CMS pages built as editors publish them: added under their parent, then a revision
published, so what tests read is what the site serves."""

import datetime
from decimal import Decimal

from wagtail.models import Collection, Locale, Page, Site

from catalog.models import Commune, Province
from catalog.selectors import today
from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    FairIndexPage,
    FairPage,
    HomePage,
    MapPage,
    OpeningHours,
    PointOfSalePage,
    ProvinceIndexPage,
    ProvincePage,
    TourismIndexPage,
    TourismPage,
)

NGHE_AN, QUANG_NINH = 40, 22
VINH = {"latitude": Decimal("18.674200"), "longitude": Decimal("105.690800")}
HA_LONG = {"latitude": Decimal("20.956500"), "longitude": Decimal("107.044000")}


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def commune(province_code: int, name: str | None = None) -> Commune:
    communes = Commune.objects.filter(province_id=province_code)
    return communes.get(name=name) if name else communes.first()


def make_sections(home) -> dict:
    """The home page's sections, as load_demo makes them."""
    return {
        "provinces": publish(home, ProvinceIndexPage(title="Tỉnh thành", slug="tinh-thanh")),
        "map": publish(home, MapPage(title="Bản đồ OCOP", slug="ban-do")),
        "fairs": publish(home, FairIndexPage(title="Hội chợ OCOP", slug="hoi-cho")),
        "tourism": publish(home, TourismIndexPage(title="Du lịch", slug="du-lich")),
        "news": publish(home, ArticleIndexPage(title="Tin tức", slug="tin-tuc")),
    }


def make_province_page(index, code: int = NGHE_AN, **fields) -> ProvincePage:
    province = Province.objects.get(pk=code)
    fields.setdefault("title", f"OCOP {province.short_name}")
    fields.setdefault("slug", province.codename.replace("_", "-"))
    return publish(index, ProvincePage(province=province, **fields))


def week(opens="08:00", closes="17:00", *, days=range(7), closes_next_day=False) -> list:
    return [
        OpeningHours(
            weekday=day,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
            closes_next_day=closes_next_day,
        )
        for day in days
    ]


def make_point_of_sale(province_page, *, hours=None, products=(), **fields) -> PointOfSalePage:
    fields.setdefault("title", "Trung tâm OCOP Vinh")
    fields.setdefault("slug", "trung-tam-ocop-vinh")
    fields.setdefault("kind", PointOfSalePage.Kind.OCOP_CENTRE)
    fields.setdefault("commune", commune(province_page.province_id))
    for name, value in VINH.items():
        fields.setdefault(name, value)
    page = PointOfSalePage(**fields)
    page.opening_hours = week() if hours is None else hours
    page.stocked_products = [
        page.stocked_products.model(product=product, sort_order=i)
        for i, product in enumerate(products)
    ]
    return publish(province_page, page)


def make_fair(parent, *, starts_in=10, days=3, exhibitors=(), **fields) -> FairPage:
    start = today() + datetime.timedelta(days=starts_in)
    fields.setdefault("title", "Hội chợ OCOP Nghệ An")
    fields.setdefault("slug", "hoi-cho-ocop-nghe-an")
    fields.setdefault("start_date", start)
    fields.setdefault("end_date", start + datetime.timedelta(days=days - 1))
    fields.setdefault("level", FairPage.Level.PROVINCIAL)
    fields.setdefault("organiser", "Sở Công Thương Nghệ An")
    fields.setdefault("venue", "Quảng trường Hồ Chí Minh")
    fields.setdefault("commune", commune(getattr(parent.specific, "province_id", NGHE_AN)))
    for name, value in VINH.items():
        fields.setdefault(name, value)
    page = FairPage(**fields)
    page.exhibitors = [
        page.exhibitors.model(producer=producer, sort_order=i)
        for i, producer in enumerate(exhibitors)
    ]
    return publish(parent, page)


def make_tourism_page(province_page, **fields) -> TourismPage:
    fields.setdefault("title", "Du lịch cộng đồng bản Khe Rạn")
    fields.setdefault("slug", "ban-khe-ran")
    fields.setdefault("commune", commune(province_page.province_id))
    fields.setdefault("latitude", Decimal("19.036000"))
    fields.setdefault("longitude", Decimal("104.903000"))
    return publish(province_page, TourismPage(**fields))


def make_article(parent, **fields) -> ArticlePage:
    fields.setdefault("title", "Nghệ An có 113 sản phẩm OCOP")
    fields.setdefault("slug", "nghe-an-113-san-pham-ocop")
    return publish(parent, ArticlePage(**fields))


def english() -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


def translate(page, **fields):
    """The English copy of `page` (Wagtail's simple translation), edited and published."""
    copy = page.copy_for_translation(english(), copy_parents=True).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def make_live_home_page() -> HomePage:
    """The default site's published home page, on a live server's database: that is
    flushed after each test, Wagtail's root page and root collection (made by its
    migrations) with it, so they are made again here."""
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = root.add_child(instance=HomePage(title="Chợ OCOP", slug="cho-ocop", locale=locale))
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Chợ OCOP"},
    )
    return home
