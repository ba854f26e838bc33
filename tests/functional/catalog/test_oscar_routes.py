"""Every route Oscar (and the rest of the site) serves to shoppers, walked from the URL
resolver: none may show a product the listing rule does not allow, except the few that
must (its own page, saying why; the shopper's own basket and orders).

Ranges, offers, wish lists, product alerts and reviews are seeded with unlisted products,
so if one of those routes came back (shop/config.py switches them off), this test fails.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from oscar.core.loading import get_model

from catalog.services.certificates import certificate_revoke
from catalog.services.producers import producer_suspend
from shop.config import SWITCHED_OFF_APPS, SWITCHED_OFF_ROUTES
from tests.factories import make_ocop_product, make_producer

pytestmark = pytest.mark.django_db

Range = get_model("offer", "Range")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Condition = get_model("offer", "Condition")
Benefit = get_model("offer", "Benefit")
WishList = get_model("wishlists", "WishList")
ProductAlert = get_model("customer", "ProductAlert")
ProductReview = get_model("reviews", "ProductReview")

UNLISTED_PRICE = Decimal("987654")  # shown as "987.654 ₫": a leak of price is a leak too
LEAK = re.compile(r"LEAK-\w+|987[.,]654")

# Staff-only or file routes, checked elsewhere (the permission matrix, the CMS tests).
STAFF_PREFIXES = ("django-admin/", "cms/", "dashboard/", "documents/", "media/")

# Routes that may show an unlisted product, and why.
MAY_SHOW_UNLISTED = {
    # Its own page says it is not for sale and why, with no price and no buy button.
    "catalogue:detail": "its own page, explaining why it is not for sale",
    # The open data API's certificates are the public record of OCOP decisions: a revoked or
    # lapsed one names its product, marked not on sale, with no price and no link.
    "api:certificate-list": "the public record of decisions, product marked not on sale",
    "api:certificate-detail": "the public record of decisions, product marked not on sale",
}

# Values for the URL parameters of every route (by parameter name).
SAMPLE_VALUES = {
    "category_slug": "thuc-pham",
    "order_number": "100001",
    "hash": "abc",
    "line_id": "1",
    "line_pk": "1",
    "email_id": "1",
    "uidb64": "MQ",
    "token": "set-password",
    "code": "NOSUCHCODE23",
    "kind": "png",
    "number": "1",
    "to_key": "x",
    "action": "default_for_shipping",
    "page_view_restriction_id": "1",
    "page_id": "1",
    "restriction_id": "1",
    "path": "",
    # The open data API (shop/api/): a province, one of its exports, a format suffix.
    "codename": "nghe_an",
    "name": "products",
    "fmt": "csv",
    "format": "json",
}


@pytest.fixture
def unlisted(honey_group):
    """One product for each way of not being listable, each holding a unique marker."""
    producer = make_producer(name="HTX Hiển thị")
    suspended = make_producer(name="HTX Bị đình chỉ")
    made = {
        "expired": make_ocop_product(
            title="LEAK-expired", decision_date=datetime.date(2021, 1, 1), producer=producer
        ),
        "revoked": make_ocop_product(title="LEAK-revoked", producer=producer),
        "two_star": make_ocop_product(title="LEAK-two-star", stars=2, producer=producer),
        "suspended": make_ocop_product(title="LEAK-suspended", producer=suspended),
        "hidden": make_ocop_product(title="LEAK-hidden", producer=producer),
    }
    certificate_revoke(certificate=made["revoked"].certificates.get(), reason="ATTP")
    producer_suspend(producer=suspended, reason="Lạm dụng logo")
    made["hidden"].is_public = False
    made["hidden"].save()
    for product in made.values():
        product.categories.add(honey_group)
        product.stockrecords.update(price=UNLISTED_PRICE)
    return made


@pytest.fixture
def shopper(db):
    return get_user_model().objects.create_user(
        username="khach", email="khach@example.vn", password="mat-khau-123"
    )


@pytest.fixture
def oscar_features(unlisted, shopper):
    """Everything Oscar's own product pages would draw from, holding the unlisted products."""
    products = list(unlisted.values())
    product_range = Range.objects.create(name="Quà Tết", slug="qua-tet", is_public=True)
    for product in products:
        product_range.add_product(product)
    condition = Condition.objects.create(range=product_range, type="Count", value=1)
    benefit = Benefit.objects.create(range=product_range, type="Percentage", value=10)
    offer = ConditionalOffer.objects.create(
        name="Giảm 10%", slug="giam-10", condition=condition, benefit=benefit
    )
    wishlist = WishList.objects.create(owner=shopper, name="Yêu thích", visibility="Public")
    for product in products:
        wishlist.add(product)
        ProductAlert.objects.create(user=shopper, product=product)
        ProductReview.objects.create(
            product=product, title="Ngon", score=5, body="Ngon", user=shopper, status=1
        )
    return {"range": product_range, "offer": offer, "wishlist": wishlist}


def _routes(patterns=None, prefix="", namespace=None, groups=()):
    """(route name, path prefix text, URL parameter names) of every route, recursively."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        own = tuple(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            yield from _routes(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                pattern.namespace or namespace,
                groups + own,
            )
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, prefix + str(pattern.pattern), groups + own


def _shopper_routes():
    routes = [r for r in _routes() if not r[1].lstrip("^").startswith(STAFF_PREFIXES)]
    # Unnamed routes: Django's media files (DEBUG only) and Oscar's redirect to the
    # notifications inbox; neither renders a product.
    named = {name: (name, path, params) for name, path, params in routes if name}
    return sorted(named.values())


def _url(name, params, product, features):
    values = {
        **SAMPLE_VALUES,
        "pk": product.pk,
        "product_pk": product.pk,
        "product_slug": product.slug,
        "key": features["wishlist"].key,
        "slug": features["offer"].slug if name.startswith("offer:") else features["range"].slug,
    }
    try:
        return reverse(name, kwargs={param: values[param] for param in params})
    except NoReverseMatch:
        # Wagtail's page route takes the page path as an unnamed group: the site root.
        return reverse(name, args=[""])


def test_no_shopper_route_shows_an_unlisted_product(django_app, unlisted, oscar_features, shopper):
    visited, leaks = [], []
    routes = _shopper_routes()
    for name, _path, params in routes:
        for product in unlisted.values():
            url = _url(name, params, product, oscar_features)
            for user in (None, shopper):
                response = django_app.get(url, user=user, expect_errors=True)
                visited.append(url)
                assert response.status_int < 500, (url, response.status)
                found = set(LEAK.findall(response.text))
                if found and name not in MAY_SHOW_UNLISTED:
                    leaks.append((name, url, sorted(found)))
    assert not leaks, leaks
    assert len(routes) > 50 and len(visited) == len(routes) * len(unlisted) * 2


def test_a_product_page_that_may_show_an_unlisted_product_says_why_without_price_or_buying(
    django_app, unlisted
):
    for key in ("expired", "revoked", "suspended"):
        page = django_app.get(unlisted[key].get_absolute_url())
        assert page.html.select_one(".unlisted-notice"), key
        assert "add_to_basket_form" not in page.forms, key
        assert not re.search(r"987[.,]654", page.text), key
    for key in ("two_star", "hidden"):  # never OCOP, or withdrawn: no page at all
        django_app.get(unlisted[key].get_absolute_url(), status=404)


def test_switched_off_routes_are_not_served(django_app, unlisted, oscar_features, shopper):
    product = unlisted["expired"]
    names = {name for name, _path, _params in _routes()}
    assert not names & SWITCHED_OFF_ROUTES
    assert not {name.split(":")[0] for name in names if name} & set(SWITCHED_OFF_APPS)
    for url in (
        f"/catalogue/ranges/{oscar_features['range'].slug}/",
        f"/offers/{oscar_features['offer'].slug}/",
        f"/wishlists/{oscar_features['wishlist'].key}/",
        "/accounts/wishlists/",
        "/accounts/alerts/",
        f"/catalogue/{product.slug}_{product.pk}/reviews/",
    ):
        django_app.get(url, user=shopper, status=404)


def test_the_account_pages_link_to_no_switched_off_route(django_app, shopper):
    page = django_app.get("/accounts/profile/", user=shopper)
    assert "/accounts/alerts/" not in page.text
    assert "/accounts/wishlists/" not in page.text
