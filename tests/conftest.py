import os
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.db import connection
from django.test.signals import setting_changed
from oscar.core.loading import get_model
from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from tests.factories import make_ocop_product, make_producer

Category = get_model("catalogue", "Category")


def pytest_report_header(config):
    return f"database: {connection.vendor} (set DATABASE_URL to test on PostgreSQL)"


def compile_stale_catalogues() -> list[Path]:
    """Each .po under LOCALE_PATHS compiled to its .mo when that is missing or older, as
    `make install` does with pybabel: plain `pytest` in a fresh clone then tests the
    Vietnamese the shop really serves (.mo files are not committed)."""
    compiled = []
    for po in sorted(p for d in settings.LOCALE_PATHS for p in Path(d).glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalogue = read_po(source, locale=po.parents[1].name, domain=po.stem)
        # Written aside and moved into place: a server or another session never reads half.
        written = mo.with_suffix(f".{os.getpid()}.mo")  # ignored by git, like every .mo
        with written.open("wb") as out:
            write_mo(out, catalogue)
        os.replace(written, mo)
        compiled.append(mo)
    return compiled


def pytest_sessionstart(session):
    if compile_stale_catalogues():
        # Django has read the catalogues while starting up; this is the signal
        # override_settings sends, on which it forgets them and reads the new .mo files.
        setting_changed.send(
            sender=None,
            setting="LOCALE_PATHS",
            value=settings.LOCALE_PATHS,
            enter=False,
        )


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


@pytest.fixture
def staff(db):
    """Shop staff who may edit the catalogue in Oscar's dashboard."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(
        username="staff", email="staff@ocop.local", password="x", is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="catalogue"))
    return user


@pytest.fixture
def editor(db):
    """A superuser, as the CMS's editors are in the demo."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(
        username="editor", email="editor@ocop.local", password="x"
    )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a test's rolled-back transaction can leave
    answers cached under a catalog version that the next test's data reaches again."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
