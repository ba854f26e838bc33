"""Whatever is typed into, or appended to, a storefront URL gives a page or a clear 404,
never a server error: property-based, on SQLite here and on PostgreSQL in CI (whose
answers to NUL characters and huge integers differ)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_ocop_product

pytestmark = pytest.mark.django_db

PARAMETERS = ("q", "page", "sort", "stars", "group", "province", "price")

# Anything a URL can carry: arbitrary text (NUL, control and non-Latin characters
# included), numbers far outside any integer column, and the plausible values.
values = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        ["1", "0", "-1", "4", "²", "1e9", "9" * 25, "thuc-pham", "nghe_an", "100000-300000"]
    ),
)
query_strings = st.dictionaries(
    st.sampled_from(PARAMETERS), st.lists(values, min_size=1, max_size=3), max_size=len(PARAMETERS)
)
FUZZ = settings(
    max_examples=100,
    deadline=None,
    # The shelf is made once per test; GET requests do not change it.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def shelf(honey_group):
    return make_ocop_product(title="Mật ong rừng", category=honey_group)


def _answers(django_app, url, params):
    response = django_app.get(url, params=params, expect_errors=True)
    assert response.status_int in (200, 301, 302, 404), (url, params, response.status)
    return response


@FUZZ
@given(params=query_strings)
def test_catalogue_page_never_errors(django_app, shelf, params):
    _answers(django_app, "/catalogue/", params)


@FUZZ
@given(params=query_strings)
def test_category_page_never_errors(django_app, shelf, honey_group, params):
    _answers(django_app, honey_group.get_absolute_url(), params)


@FUZZ
@given(params=query_strings)
def test_search_page_and_suggestions_never_error(django_app, shelf, params):
    _answers(django_app, "/search/", params)
    response = _answers(django_app, "/search/suggest/", params)
    assert response.status_int == 200 and "suggestions" in response.json


@FUZZ
@given(q=values)
def test_certificate_check_never_errors(django_app, shelf, q):
    _answers(django_app, "/verify/", {"q": q})


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"page": "2"}, 404),  # one product: there is no second page
        ({"page": "abc"}, 404),
        ({"page": "99999999999999999999999"}, 404),
        ({"stars": "99999999999999999999999"}, 200),  # an unknown filter value is ignored
        ({"q": "mật\x00ong"}, 200),  # NUL: PostgreSQL refuses it in a query
        ({"sort": "'; drop table"}, 200),
    ],
)
def test_odd_values_get_a_page_or_a_404(django_app, shelf, params, status):
    response = django_app.get("/search/", params=params, status=status)
    if status == 200:
        assert response.html.select(".product-card")


def test_unknown_values_are_dropped_from_the_links_a_page_makes(django_app, shelf):
    page = django_app.get("/catalogue/", params={"stars": ["4", "bogus"], "x": "1"})

    links = [a["href"] for a in page.html.select(".facet a")]
    assert links and not any("bogus" in link or "x=1" in link for link in links)
