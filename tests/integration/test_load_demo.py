"""`manage.py load_demo`: a demo shop that loads the same way every time."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site as DjangoSite
from django.core.files.storage import default_storage
from django.core.management import call_command
from oscar.core.loading import get_model
from PIL import Image
from wagtail.models import Page, Revision, Site

from cms.models import HomePage

Category = get_model("catalogue", "Category")
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

    groups = Category.get_root_nodes()
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


def test_home_page_is_the_live_root_of_the_default_site():
    load_demo()

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.live
    assert home.title == "Chợ OCOP"
    assert (site.hostname, site.port) == ("localhost", 80)
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    assert DjangoSite.objects.get_current().domain == "127.0.0.1:8000"


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
        "Product groups: 6 groups, 22 sub-groups",
        "Producers: 17 in",
        "Products: 30",
        "(1/30) OCOP-0001 Nước mắm sá sùng Quảng Ninh – 280.000 ₫",
        "(30/30)",
        "Home page:",
        "Admin: created admin / admin",
        "Done.",
    ):
        assert line in output
