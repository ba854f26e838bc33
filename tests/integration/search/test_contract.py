"""One contract for every search backend: the same queries, the same answers.

Runs against the database backend always (SQLite locally, PostgreSQL in CI) and against
Elasticsearch when ELASTICSEARCH_URL is set (e.g. `docker compose up -d elasticsearch`,
then `ELASTICSEARCH_URL=http://127.0.0.1:9200 make test`).
"""

import datetime
import os

import pytest
from oscar.core.loading import get_model

from catalog.models import Province
from search import backends
from search.backends.base import SearchQuery
from search.indexing import product_documents
from tests.factories import make_ocop_product, make_producer

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

BACKENDS = [
    "database",
    pytest.param(
        "elasticsearch",
        marks=pytest.mark.skipif(
            not os.environ.get("ELASTICSEARCH_URL"),
            reason="ELASTICSEARCH_URL is not set (no Elasticsearch server on this machine)",
        ),
    ),
]


@pytest.fixture(params=BACKENDS)
def backend(request, settings):
    settings.SEARCH_BACKEND = request.param
    settings.SEARCH_INDEX_PREFIX = "test-contract"
    if request.param == "elasticsearch":
        settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    return backends.get_backend(request.param)


@pytest.fixture
def catalogue(backend):
    food = Category.add_root(name="Thực phẩm", slug="thuc-pham")
    fish_sauce = food.add_child(name="Nước mắm", slug="nuoc-mam")
    drinks = Category.add_root(name="Đồ uống", slug="do-uong")
    quang_ninh = make_producer(
        name="HTX Quảng Ninh",
        province=Province.objects.get(codename="quang_ninh"),
        commune=Province.objects.get(codename="quang_ninh").communes.first(),
    )
    nghe_an = make_producer(name="HTX Nghệ An")

    def product(title, price, stars, producer, category, **fields):
        return make_ocop_product(
            title=title, price=price, stars=stars, producer=producer, category=category, **fields
        )

    made = {
        "fish_sauce": product("Nước mắm sá sùng Quảng Ninh", 280000, 4, quang_ninh, fish_sauce),
        "honey": product("Mật ong rừng thiên nhiên", 250000, 3, nghe_an, food),
        "liver_tea": product("Trà mát gan Con Cuông", 95000, 4, nghe_an, drinks),
        "camellia": product("Trà hoa vàng Ba Chẽ", 650000, 5, quang_ninh, drinks),
        "palm_sugar": product("Đường thốt nốt", 120000, 4, nghe_an, food),
        "noodles": product("Miến dong Bình Liêu", 90000, 3, quang_ninh, food),
        # Never listed: they must never come back from a search.
        "expired": product(
            "Mật ong hết hạn", 200000, 4, nghe_an, food, decision_date=datetime.date(2020, 1, 1)
        ),
        "two_star": product("Mật ong hai sao", 150000, 2, nghe_an, food),
    }
    backend.rebuild(product_documents())
    return made


def found(backend, text="", **query):
    """Titles of what the backend returns, in its order, and the full results."""
    results = backend.search(SearchQuery(text=text, **query))
    names = dict(Product.objects.filter(pk__in=results.product_ids).values_list("pk", "title"))
    return [names[pk] for pk in results.product_ids], results


def test_queries_without_diacritics_find_accented_titles(catalogue, backend):
    assert found(backend, "nuoc mam")[0] == ["Nước mắm sá sùng Quảng Ninh"]
    assert found(backend, "nước mắm")[0] == ["Nước mắm sá sùng Quảng Ninh"]
    assert found(backend, "duong thot not")[0] == ["Đường thốt nốt"]  # đ → d
    assert found(backend, "mat ong")[0] == ["Mật ong rừng thiên nhiên"]


def test_exact_accents_rank_first(catalogue, backend):
    # "mật" (honey) and "mát" (cool) both fold to "mat".
    assert found(backend, "mật")[0][0] == "Mật ong rừng thiên nhiên"
    assert found(backend, "mát")[0][0] == "Trà mát gan Con Cuông"


def test_words_match_producer_province_and_group_too(catalogue, backend):
    assert set(found(backend, "quang ninh")[0]) == {
        "Nước mắm sá sùng Quảng Ninh",
        "Trà hoa vàng Ba Chẽ",
        "Miến dong Bình Liêu",
    }
    assert set(found(backend, "tra")[0]) == {"Trà mát gan Con Cuông", "Trà hoa vàng Ba Chẽ"}


def test_a_typo_still_finds_and_suggests_the_right_words(catalogue, backend):
    titles, results = found(backend, "nuoc mamm")
    assert titles == ["Nước mắm sá sùng Quảng Ninh"]
    assert results.suggestion == "nuoc mam"


def test_unlisted_products_are_never_returned_nor_counted(catalogue, backend):
    assert found(backend, "het han")[0] == []
    assert found(backend, "hai sao")[0] == []
    _, everything = found(backend)
    assert everything.total == 6
    assert sum(v.count for v in everything.facets["stars"]) == 6


def test_facets_count_the_results(catalogue, backend):
    _, results = found(backend)
    assert {v.value: v.count for v in results.facets["stars"]} == {"5": 1, "4": 3, "3": 2}
    assert {v.value: v.count for v in results.facets["province"]} == {
        "quang_ninh": 3,
        "nghe_an": 3,
    }
    assert {v.label: v.count for v in results.facets["group"]} == {"Thực phẩm": 4, "Đồ uống": 2}
    assert {v.value: v.count for v in results.facets["price"]} == {
        "0-100000": 2,
        "100000-300000": 3,
        "500000-": 1,
    }


def test_filters_narrow_results_and_facets(catalogue, backend):
    titles, results = found(backend, filters={"stars": ("4",), "province": ("nghe_an",)})
    assert sorted(titles) == ["Trà mát gan Con Cuông", "Đường thốt nốt"]
    assert results.total == 2
    assert [(v.value, v.selected) for v in results.facets["stars"]] == [("4", True)]

    titles, _ = found(backend, "tra", filters={"price": ("500000-",)})
    assert titles == ["Trà hoa vàng Ba Chẽ"]
    titles, _ = found(backend, filters={"group": ("nuoc-mam",)})
    assert titles == ["Nước mắm sá sùng Quảng Ninh"]


def test_category_pages_include_sub_groups(catalogue, backend):
    titles, _ = found(backend, category="thuc-pham")
    assert set(titles) == {
        "Nước mắm sá sùng Quảng Ninh",
        "Mật ong rừng thiên nhiên",
        "Đường thốt nốt",
        "Miến dong Bình Liêu",
    }


def test_sorting(catalogue, backend):
    by_price = found(backend, sort="price-asc")[0]
    assert by_price[:2] == ["Miến dong Bình Liêu", "Trà mát gan Con Cuông"]
    assert found(backend, sort="price-desc")[0][0] == "Trà hoa vàng Ba Chẽ"
    assert found(backend, sort="stars")[0][0] == "Trà hoa vàng Ba Chẽ"
    assert found(backend, sort="newest")[0][0] == "Miến dong Bình Liêu"  # made last


def test_pages_do_not_overlap(catalogue, backend):
    first, results = found(backend, sort="price-asc", offset=0, limit=4)
    second, _ = found(backend, sort="price-asc", offset=4, limit=4)
    assert len(first) == 4 and len(second) == 2 and not set(first) & set(second)
    assert results.total == 6


def test_autocomplete_by_prefix_without_accents(catalogue, backend):
    titles = [s["title"] for s in backend.suggest("mat o")]
    assert titles == ["Mật ong rừng thiên nhiên"]
    suggestion = backend.suggest("tra hoa")[0]
    assert suggestion["url"] == catalogue["camellia"].get_absolute_url()
