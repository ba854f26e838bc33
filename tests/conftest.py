import pytest
from django.db import connection
from oscar.core.loading import get_model
from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from tests.factories import make_ocop_product, make_producer

Category = get_model("catalogue", "Category")


def pytest_report_header(config):
    return f"database: {connection.vendor} (set DATABASE_URL to test on PostgreSQL)"


@pytest.fixture(autouse=True)
def _vietnamese_default(settings):
    # Tests see the shop as a shopper with no language cookie does: in Vietnamese.
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture
def home_page(db):
    """A live HomePage as the default site's root, as load_demo makes it."""
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Chợ OCOP",
            slug="cho-ocop",
            locale=locale,
            hero_title="Sản phẩm OCOP chính hiệu",
            hero_text="Từ khắp ba miền.",
        )
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture
def honey_group(db):
    return Category.add_root(name="Thực phẩm", slug="thuc-pham")


@pytest.fixture
def producer(db):
    return make_producer()


@pytest.fixture
def make_product(db, honey_group, producer):
    """A listable OCOP product (4★, valid, verified producer) in the honey group."""

    def make(
        title="Mật ong rừng thiên nhiên", price=150000, stock=10, category=honey_group, **fields
    ):
        fields.setdefault("producer", producer)
        return make_ocop_product(title=title, price=price, stock=stock, category=category, **fields)

    return make
