"""Fixtures shared by the CMS tests (imported by their conftest.py files)."""

import pytest

from tests.factories.cms import make_province_page, make_sections


@pytest.fixture
def sections(home_page):
    return make_sections(home_page)


@pytest.fixture
def nghe_an(sections):
    """Nghệ An's province page."""
    return make_province_page(sections["provinces"])


@pytest.fixture
def quang_ninh(sections):
    return make_province_page(sections["provinces"], code=22)
