"""The search page a shopper uses: facets as shareable links, did-you-mean, suggestions."""

import pytest
from oscar.core.loading import get_model

from tests.factories import make_ocop_product, make_producer

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")


@pytest.fixture
def products(honey_group, producer):
    fishery = make_producer(name="HTX Hải sản Vân Đồn")
    return [
        make_ocop_product(
            title="Mật ong rừng thiên nhiên",
            price=250000,
            stars=3,
            producer=producer,
            category=honey_group,
        ),
        make_ocop_product(
            title="Mật ong hoa nhãn", price=180000, stars=4, producer=producer, category=honey_group
        ),
        make_ocop_product(
            title="Nước mắm sá sùng", price=280000, stars=4, producer=fishery, category=honey_group
        ),
    ]


def titles(page):
    return [a.text for a in page.html.select(".product-card__title a")]


def test_facet_links_filter_and_can_be_shared(django_app, products):
    page = django_app.get("/search/", params={"q": "mat ong"})
    assert sorted(titles(page)) == ["Mật ong hoa nhãn", "Mật ong rừng thiên nhiên"]

    four_stars = next(a for a in page.html.select(".facet--stars a") if "★★★★" in a.text)
    assert four_stars.select_one(".facet-count").text == "1"
    filtered = django_app.get("/search/" + four_stars["href"])

    assert titles(filtered) == ["Mật ong hoa nhãn"]
    assert filtered.request.GET.getall("stars") == ["4"]
    assert filtered.request.GET["q"] == "mat ong"
    selected = filtered.html.select_one(".facet--stars .is-selected")
    assert "★★★★" in selected.text  # clicking it again removes the filter
    assert titles(django_app.get("/search/" + selected["href"])) == titles(page)


def test_price_facet_reads_in_vnd(django_app, products):
    page = django_app.get("/search/", params={"q": "mat ong"})

    bands = [a.text.split("\n")[0].strip() for a in page.html.select(".facet--price a")]
    assert "100.000\xa0₫ – 300.000\xa0₫" in " ".join(
        page.html.select_one(".facet--price").text.split("\n")
    )
    assert bands


def test_misspelt_query_shows_did_you_mean_and_results(django_app, products):
    page = django_app.get("/search/", params={"q": "nuoc mamm"})

    assert titles(page) == ["Nước mắm sá sùng"]
    did_you_mean = page.html.select_one(".did-you-mean a")
    assert did_you_mean.text == "nuoc mam"
    assert "q=nuoc+mam" in did_you_mean["href"]


def test_nothing_found_suggests_product_groups(django_app, products, honey_group):
    page = django_app.get("/search/", params={"q": "xe máy"})

    assert titles(page) == []
    empty = page.html.select_one(".empty-state")
    assert "xe máy" in empty.text
    assert honey_group.get_absolute_url() in [a["href"] for a in empty.select("a")]


def test_sorting_by_price(django_app, products):
    page = django_app.get("/catalogue/", params={"sort": "price-asc"})

    assert titles(page) == ["Mật ong hoa nhãn", "Mật ong rừng thiên nhiên", "Nước mắm sá sùng"]


def test_a_page_past_the_end_is_a_404(django_app, products):
    django_app.get("/search/", params={"q": "mat ong", "page": "9"}, status=404)


def test_suggest_endpoint_answers_json_for_the_header_box(django_app, products):
    response = django_app.get("/search/suggest/", params={"q": "mat o"})

    assert response.content_type == "application/json"
    assert [s["title"] for s in response.json["suggestions"]] == [
        "Mật ong hoa nhãn",
        "Mật ong rừng thiên nhiên",
    ]
    assert response.json["suggestions"][0]["url"] == products[1].get_absolute_url()
    assert django_app.get("/search/suggest/", params={"q": "m"}).json["suggestions"] == []


def test_search_box_is_wired_to_suggestions(django_app, products):
    page = django_app.get("/catalogue/")
    box = page.html.select_one("#site-search-q")

    assert box["data-suggest-url"] == "/search/suggest/"
    assert box["list"] == "site-search-suggestions"


def test_search_page_answers_from_the_database_when_elasticsearch_is_down(
    django_app, settings, products, caplog
):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there

    page = django_app.get("/search/", params={"q": "mat ong"})

    assert sorted(titles(page)) == ["Mật ong hoa nhãn", "Mật ong rừng thiên nhiên"]
    assert "answering from the database" in caplog.text
