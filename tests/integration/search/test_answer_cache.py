"""Search answers are cached under the catalog's version, which the database bumps by
trigger on any change the answers depend on, signals or not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from catalog.models import Certificate
from search import backends
from search.backends.base import SearchQuery
from tests.factories import make_ocop_product

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def honey(honey_group):
    return make_ocop_product(title="Mật ong rừng", category=honey_group)


def answer_and_queries():
    with CaptureQueriesContext(connection) as queries:
        results = backends.search(SearchQuery(text="mat ong"))
    return results, len(queries)


def test_a_repeated_search_is_answered_from_the_cache_with_one_query(honey):
    first, computed = answer_and_queries()
    again, cached = answer_and_queries()

    assert again.product_ids == first.product_ids == [honey.pk]
    assert cached == 1 < computed  # only the catalog version is read


@pytest.mark.parametrize(
    "change",
    [
        lambda p: Product.objects.filter(pk=p.pk).update(title="Mật ong rừng U Minh"),
        lambda p: Certificate.objects.filter(product=p).update(status="revoked"),
        lambda p: StockRecord.objects.filter(product=p).update(price=99_000),
    ],
    ids=["product", "certificate", "price"],
)
def test_any_change_the_answer_depends_on_bumps_the_version(honey, change):
    before = backends.catalog_version()
    change(honey)
    assert backends.catalog_version() != before


def test_stock_movements_leave_cached_answers_alone(honey):
    before = backends.catalog_version()
    StockRecord.objects.filter(product=honey).update(num_allocated=3, num_in_stock=7)
    assert backends.catalog_version() == before  # every order moves stock; answers do not
