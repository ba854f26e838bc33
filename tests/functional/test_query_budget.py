"""Every storefront page asks the database a fixed number of queries, whatever the size of
the catalogue, within the budgets of issue 13 (product page ≤ 10, lists ≤ 10, search and
autocomplete ≤ 8, basket add ≤ 15: held at 6 here). Counted, not timed: latencies belong to
`make bench`.

Each page is counted twice per catalogue size: with the cache emptied (what the database
does for the first shopper after a change) and warm (every shopper after). Transaction
control (SAVEPOINT and RELEASE here, BEGIN and COMMIT in production) is not counted."""

import math

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog import selectors
from catalog.models import Batch
from search.text import fold
from shop.demo.generator import generate_catalogue

pytestmark = pytest.mark.django_db

PER_PAGE = 4
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
BUDGETS = {
    "home": 25,  # a Wagtail page (site, page, sections, fairs, news) around the products
    "catalogue": 10,
    "catalogue, deep page": 10,
    "category": 10,
    "filtered (stars + province)": 10,
    "product detail": 10,
    "search": 8,
    "search, accented": 8,
    "autocomplete": 8,
    "trace page": 10,
    # The product and its stock records, the basket, its lines (with their listing verdict)
    # and their options, the line's UPDATE. Pictures are fetched only by the pages that draw
    # lines (Basket.lines_with_pictures); site offers only while one is open
    # (shop/basket/utils.py: the demo has none). The analytics
    # counter is added up in the worker after commit and written every few seconds
    # (shop/analytics/receivers.py), not by the request.
    "basket add": 6,
}


def _statements(client, method, url, data=None):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data=data)
    assert response.status_code in (200, 302), (url, response.status_code)
    if method == "post":
        assert response.status_code == 302  # added: back to where the shopper was
    statements = [q["sql"] for q in captured.captured_queries]
    return [sql for sql in statements if not sql.startswith(TRANSACTION_CONTROL)]


def _pages(product, batch, province):
    listed = selectors.listable_products().count()
    last_page = math.ceil(listed / PER_PAGE)
    category = product.categories.first()
    words = " ".join(product.title.split()[:2])
    return {
        "home": ("get", "/", None),
        "catalogue": ("get", "/catalogue/", None),
        "catalogue, deep page": ("get", f"/catalogue/?page={last_page}", None),
        "category": ("get", category.get_absolute_url(), None),
        "filtered (stars + province)": (
            "get",
            "/catalogue/",
            {"stars": ["3", "4"], "province": province.codename},
        ),
        "product detail": ("get", product.get_absolute_url(), None),
        # Words of the product's own title, so they match at both sizes.
        "search": ("get", "/search/", {"q": fold(words)}),
        "search, accented": ("get", "/search/", {"q": words}),
        "autocomplete": ("get", "/search/suggest/", {"q": fold(words)[:5]}),
        "trace page": ("get", batch.get_absolute_url(), None),
        "basket add": ("post", f"/basket/add/{product.pk}/", {"quantity": 1}),
    }


def _count_every_page(product, batch, province):
    client = Client()  # a new shopper: an empty basket, added to last
    counts = {}
    for name, (method, url, data) in _pages(product, batch, province).items():
        _statements(client, method, url, data)  # the session, the basket, the process
        cache.clear()
        cold = _statements(client, method, url, data)
        warm = _statements(client, method, url, data)
        counts[name] = (len(cold), len(warm))
        if name in ("product detail", "search", "category", "home"):
            print(name, "\n   " + "\n   ".join(q[:150] for q in cold))
    return counts


def test_pages_ask_the_same_few_queries_at_any_catalogue_size(home_page, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = PER_PAGE
    generate_catalogue(products=12, seed=13)
    product = selectors.listable_products().filter(batches__isnull=False).order_by("pk").first()
    batch = Batch.objects.filter(product=product).first()
    province = selectors.producer_of(product).province
    small = _count_every_page(product, batch, province)

    generate_catalogue(products=48, seed=14)
    large = _count_every_page(product, batch, province)

    print(large)
    assert large == small  # nothing grows with the catalogue, nor with a deeper page
    # The budgets hold for every shopper but the first after a change: the cold count adds
    # only what the caches then hold (the search answer, the product grid, the group menu,
    # category URLs, thumbnails' names), and it does not grow either (above).
    over = {name: warm for name, (cold, warm) in large.items() if warm > BUDGETS[name]}
    assert not over, f"over budget {BUDGETS}: {over}"
    for name, (cold, warm) in large.items():
        assert warm <= cold, name
