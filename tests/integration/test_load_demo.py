"""`manage.py load_demo`: a demo shop that loads the same way every time."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site as DjangoSite
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from oscar.core.loading import get_model
from PIL import Image
from wagtail.models import Page, Revision, Site

from catalog.models import (
    Batch,
    BatchStep,
    Certificate,
    CertificateReminder,
    Producer,
    ProductGroup,
    QualityCertification,
)
from catalog.selectors import is_listable, listable_products
from cms.models import HomePage
from shop.demo.loaders.catalog import demo_data

Category = get_model("catalogue", "Category")
Country = get_model("address", "Country")
Option = get_model("catalogue", "Option")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # A fresh storage per test, so pictures are really drawn and checked, not left over.
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def site_url(settings):
    # `make run`'s default address, whatever SITE_URL the machine running the tests has set.
    settings.SITE_URL = "http://127.0.0.1:8000"


def load_demo(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict:
    models = (Product, Category, Partner, StockRecord, ProductImage, Page, Revision, Site)
    return {model.__name__: model.objects.count() for model in models}


def catalogue() -> set:
    return {
        (record.product.upc, record.product.title, record.price, record.num_in_stock)
        for record in StockRecord.objects.select_related("product")
    }


def test_loading_twice_gives_the_same_data():
    load_demo()
    first_counts, first_catalogue = counts(), catalogue()

    second_output = load_demo()

    assert counts() == first_counts
    assert catalogue() == first_catalogue
    assert first_counts["Product"] == 30
    assert first_counts["StockRecord"] == first_counts["ProductImage"] == 30
    assert "Pictures: 0 drawn, 30 already on storage" in second_output
    assert "Home page: “Chợ OCOP” at /home/ (unchanged)" in second_output


def test_prices_are_whole_dong_and_services_carry_no_stock():
    load_demo()

    assert all(price == int(price) for _, _, price, _ in catalogue())
    assert set(StockRecord.objects.values_list("price_currency", flat=True)) == {"VND"}
    homestay = Product.objects.get(title="Du lịch cộng đồng bản Khe Rạn")
    assert homestay.product_class.requires_shipping is False
    assert homestay.product_class.track_stock is False
    assert homestay.stockrecords.get().num_in_stock is None


def test_every_product_has_its_picture_on_storage():
    load_demo()

    for product in Product.objects.all():
        image = product.images.get(display_order=0)
        assert image.original.name == f"images/products/ocop/{product.upc.lower()}.jpg"
        assert default_storage.exists(image.original.name)
        with default_storage.open(image.original.name) as picture:
            assert Image.open(picture).size == (800, 800)


def test_no_images_option_draws_nothing():
    output = load_demo("--no-images")

    assert not ProductImage.objects.exists()
    assert "Pictures: skipped" in output


def test_six_ocop_product_groups_with_sub_groups():
    load_demo()

    groups = Category.get_root_nodes().filter(is_public=True)
    assert [group.name for group in groups] == [
        "Thực phẩm",
        "Đồ uống",
        "Dược liệu và sản phẩm từ dược liệu",
        "Thủ công mỹ nghệ",
        "Sinh vật cảnh",
        "Dịch vụ du lịch cộng đồng",
    ]
    assert all(group.get_children_count() >= 3 for group in groups)
    assert all(category.description for category in Category.objects.all())
    assert [(g.ocop_group.period, g.ocop_group.number) for g in groups] == [
        ("2021-2025", number) for number in range(1, 7)
    ]
    assert [g.ocop_group.is_service for g in groups] == [False] * 5 + [True]
    sub_groups = ProductGroup.objects.filter(period="2021-2025", number__isnull=True)
    assert sub_groups.count() == 22


def test_older_taxonomy_is_kept_but_not_public():
    load_demo("--no-images")

    old = ProductGroup.objects.filter(period="2018-2020").select_related("category")
    assert sorted(group.number for group in old) == [1, 2, 3, 4, 5, 6]
    assert {group.category.name for group in old} >= {"Thảo dược", "Vải và may mặc"}
    assert not any(group.category.is_public for group in old)
    assert all(group.category.slug.startswith("2018-") for group in old)


def test_home_page_is_the_live_root_of_the_default_site():
    load_demo()

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.live
    assert home.title == "Chợ OCOP"
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert home.full_url == "http://127.0.0.1:8000/"
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    assert DjangoSite.objects.get_current().domain == "127.0.0.1:8000"


def test_addresses_follow_the_site_url(settings):
    settings.SITE_URL = "https://cho-ocop.example.vn/"
    output = load_demo("--no-images")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("cho-ocop.example.vn", 443)
    assert site.root_page.full_url == "https://cho-ocop.example.vn/"
    assert DjangoSite.objects.get_current().domain == "cho-ocop.example.vn"
    assert "(trace pages: https://cho-ocop.example.vn/trace/" in output
    assert "127.0.0.1" not in output and ":8000" not in output

    # Served somewhere else later: a reload moves both sites there and adds nothing.
    settings.SITE_URL = "http://192.168.1.20:8080"
    pages = Page.objects.count()
    output = load_demo("--no-images")

    site.refresh_from_db()
    assert (site.hostname, site.port) == ("192.168.1.20", 8080)
    assert DjangoSite.objects.get_current().domain == "192.168.1.20:8080"
    assert "Done. The shop: http://192.168.1.20:8080/" in output
    assert Page.objects.count() == pages


def test_an_address_that_is_not_a_url_stops_the_load(settings):
    settings.SITE_URL = "127.0.0.1:8000"

    with pytest.raises(CommandError, match="SITE_URL '127.0.0.1:8000' is not an address"):
        load_demo("--no-images")

    assert not Product.objects.exists()


def test_admin_account_is_created_once_and_never_reset():
    load_demo()
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("admin")
    assert admin.is_staff and admin.is_superuser

    admin.set_password("changed-by-the-developer")
    admin.save()
    load_demo()

    admin.refresh_from_db()
    assert admin.check_password("changed-by-the-developer")


def test_output_reports_progress():
    output = load_demo()

    for line in (
        "OCOP groups: 6 groups and 22 sub-groups (2021–2025), 6 groups of 2018–2020",
        "Producers: 16 verified, 1 suspended",
        "Products: 30",
        "(1/30) OCOP-0001 Nước mắm sá sùng Quảng Ninh – 280.000\xa0₫",
        "(30/30)",
        "Certificates: 27 valid (3★ 17, 4★ 8, 5★ 2), 1 expired, 1 revoked, 1 superseded, "
        "1 rated 2★",
        "Batches: 14 (trace pages: http://127.0.0.1:8000/trace/",
        "Listed in the shop: 26 of 30 products",
        "Home page:",
        "Wagtail site: Chợ OCOP at http://127.0.0.1:8000",
        "Site: Chợ OCOP at 127.0.0.1:8000",
        "Shipping country: Việt Nam (VN)",
        "Admin: created admin / admin",
        "Done.",
    ):
        assert line in output


# The OCOP states the demo shows (shop/demo/loaders/catalog/products.json, "demo_state").


def demo_product(state: str):
    upc = next(spec["upc"] for spec in demo_data()["products"] if spec.get("demo_state") == state)
    return Product.objects.get(upc=upc)


def ocop_counts() -> dict:
    models = (
        Producer,
        Certificate,
        CertificateReminder,
        Batch,
        BatchStep,
        QualityCertification,
        ProductGroup,
    )
    return {model.__name__: model.objects.count() for model in models}


def test_listed_count_is_the_one_printed():
    output = load_demo("--no-images")

    listed = listable_products().count()
    assert listed >= 20
    assert f"Listed in the shop: {listed} of 30 products" in output


def test_each_unlisted_state_has_its_certificate_status():
    load_demo("--no-images")

    expired = demo_product("expired")
    assert expired.certificates.get().status == Certificate.Status.EXPIRED
    assert expired.certificates.get().valid_until.isoformat() == "2026-10-19"
    revoked = demo_product("revoked")
    assert revoked.certificates.get().status == Certificate.Status.REVOKED
    rated_2 = demo_product("rated_2_stars").certificates.get()
    assert (rated_2.status, rated_2.stars, rated_2.level) == ("valid", 2, "province")
    assert 30 <= rated_2.score <= 49
    suspended = demo_product("producer_suspended")
    certificate = suspended.certificates.get()
    assert certificate.status == Certificate.Status.VALID and certificate.stars >= 3
    producer = suspended.stockrecords.get().partner.producer
    assert producer.status == Producer.Status.SUSPENDED
    assert producer.status_reason.startswith("Tạm đình chỉ")
    for product in (expired, revoked, demo_product("rated_2_stars"), suspended):
        assert not is_listable(product), product.upc


def test_re_rated_product_keeps_its_history():
    load_demo("--no-images")

    product = demo_product("re_rated")
    old = product.certificates.get(status=Certificate.Status.SUPERSEDED)
    new = product.certificates.get(status=Certificate.Status.VALID)
    assert product.certificates.count() == 2
    assert new.supersedes == old
    assert (old.stars, new.stars) == (3, 4)
    assert old.decision_date.year == 2022
    assert is_listable(product)


def test_five_star_products_are_rated_centrally():
    load_demo("--no-images")

    five_stars = Certificate.objects.filter(stars=5, product__in=listable_products())
    assert five_stars.exists()
    assert {c.level for c in five_stars} == {Certificate.Level.CENTRAL}
    assert all(90 <= c.score <= 100 for c in five_stars)


def test_tourism_services_are_booked_with_a_date_and_party_size():
    load_demo("--no-images")

    services = Product.objects.filter(
        upc__in=[
            spec["upc"] for spec in demo_data()["products"] if spec.get("demo_state") == "service"
        ]
    )
    assert services.count() == 2
    for product in services:
        assert is_listable(product)
        assert product.certificates.get().stars == 3
        assert not product.product_class.track_stock
        assert not product.product_class.requires_shipping
        assert product.categories.get().get_root().ocop_group.is_service
        options = {o.code: (o.type, o.required) for o in product.product_class.options.all()}
        assert options == {
            "arrival-date": (Option.DATE, True),
            "party-size": (Option.INTEGER, True),
        }


def test_producers_are_placed_and_tell_their_story():
    load_demo("--no-images")

    # The portal's demo application (loaders/portal.py) holds only what the sign-up asks.
    producers = Producer.objects.select_related("province", "commune").exclude(
        status=Producer.Status.PENDING
    )
    assert producers.count() == 17
    for producer in producers:
        assert producer.commune.province == producer.province
        assert producer.latitude and producer.longitude and producer.email
    assert sum(len(producer.story_sections) == 5 for producer in producers) >= 8
    con_cuong = producers.get(partner__code="du-lich-con-cuong")
    assert (con_cuong.ethnic_minority_led, con_cuong.ethnic_group) == (True, "Thái")
    verified = QualityCertification.objects.filter(verified=True)
    assert {q.kind for q in verified} == {"vietgap", "organic", "haccp", "iso22000", "gi"}


def test_vietnam_is_the_shipping_country():
    load_demo("--no-images")

    country = Country.objects.get(iso_3166_1_a2="VN")
    assert (country.iso_3166_1_a3, country.iso_3166_1_numeric) == ("VNM", "704")
    assert country.is_shipping_country


def test_loading_twice_adds_no_certificates_batches_or_reminders():
    load_demo("--no-images")
    first_counts = ocop_counts()
    first_codes = set(Batch.objects.values_list("trace_code", flat=True))
    first_statuses = set(Certificate.objects.values_list("pk", "status", "status_changed_at"))

    load_demo("--no-images")

    assert ocop_counts() == first_counts
    assert set(Batch.objects.values_list("trace_code", flat=True)) == first_codes
    assert set(Certificate.objects.values_list("pk", "status", "status_changed_at")) == (
        first_statuses
    )
    assert first_counts["Batch"] >= 12


def test_every_trace_page_answers(client):
    load_demo("--no-images")

    batches = Batch.objects.select_related("product")
    traced = {batch.product.upc for batch in batches}
    assert demo_product("expired").upc in traced
    assert demo_product("revoked").upc in traced
    assert sum(is_listable(batch.product) for batch in batches) >= 10
    for batch in batches:
        assert client.get(f"/trace/{batch.trace_code}/").status_code == 200, batch.lot_code


def test_an_unknown_place_stops_the_load(monkeypatch):
    data = demo_data()
    data["producers"][0]["commune"] = "Xã Không Có"
    monkeypatch.setattr("shop.demo.loaders.catalog.demo_data", lambda: data)

    with pytest.raises(CommandError, match="no commune named 'Xã Không Có' in Nghệ An"):
        load_demo("--no-images")

    assert not Producer.objects.exists()


def test_portal_accounts_and_what_waits_for_the_officer(client):
    from catalog import permissions
    from shop.demo.loaders.portal import demo_data

    load_demo("--no-images")
    load_demo("--no-images")  # a second load adds nothing
    data = demo_data()
    member = get_user_model().objects.get(username=data["producer_member"]["username"])
    officer = get_user_model().objects.get(username=data["officer"]["username"])
    assert permissions.producer_of_user(member).partner.code == "nong-san-vinh"
    assert permissions.province_of_user(officer).name == "Nghệ An"
    assert Producer.objects.filter(status=Producer.Status.PENDING).count() == 1
    assert Certificate.objects.filter(status=Certificate.Status.PENDING).count() == 1

    # The README's logins work, each landing on its own dashboard.
    assert client.login(username="nhasanxuat@ocop.local", password="nhasanxuat")
    assert client.get("/dashboard/")["Location"].endswith("/dashboard/producer/")
    assert client.login(username="canbo.nghean@ocop.local", password="canbo")
    page = client.get("/dashboard/province/").content.decode()
    assert "HTX Chè xanh Yên Thành" in page and "2468/QĐ-UBND" in page
