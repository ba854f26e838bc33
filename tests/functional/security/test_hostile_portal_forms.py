"""Whatever a producer, a province officer or platform staff types into the portal's forms,
or into its addresses and query strings, and whatever a visitor types into a fair's
application form (the CMS's public form), the answer is a success or the form again with
a message that says what is wrong; never a server error, nothing saved when it is
refused, and script typed in never comes back as script. Property-based (hypothesis), on
SQLite here and on PostgreSQL in CI.

The forms are enumerated, not hand-picked: `test_every_portal_route_is_classified` walks
the URL resolver and fails when a new portal route is neither fuzzed here nor listed as
read-only, and `test_every_form_on_the_portal_pages_posts_to_a_fuzzed_route` opens every
portal page as each role and fails when one of them has a form posting to a route that no
test here fuzzes."""

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oscar.core.loading import get_model
from wagtail.contrib.forms.models import FormSubmission

from catalog.models import Batch, Certificate, Commune, Producer, ProducerDocument
from catalog.selectors import today
from catalog.services.producers import Decision
from cms.models import FairApplicationField
from shop.dashboard.producer.forms import StoryForm
from shop.payments.models import BankTransfer, LedgerEntry, Payment, Refund
from tests.factories.cms import make_fair
from tests.functional.portal.conftest import member
from tests.functional.security.test_hostile_forms import text
from tests.functional.security.urlwalk import endpoints

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Shipment = get_model("order", "Shipment")

XSS = "<script>alert('ocop')</script>"
# What people type (NUL, control and non-Latin characters, numbers far outside any column,
# script), sometimes a value the form would accept, so the success paths are walked too.
typed = st.one_of(text, st.just(XSS))


def or_valid(*values) -> st.SearchStrategy:
    return st.one_of(typed, st.sampled_from([str(v) for v in values]))


FUZZ = settings(
    max_examples=25,
    deadline=None,
    # The world is made once per test; each example's request is rolled back if refused.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# A refusal is the form again (200), a bad request, "not yours" (403), "no such thing" (404)
# or "slow down" (429); a success is a redirect (302).
ANSWERS = (200, 302, 400, 403, 404, 429)
REFUSALS = (200, 400, 403, 404, 429)
# What the portal's templates show when something is refused: a field's or the form's error
# (shop/dashboard/partials/form.html: role="alert"; Oscar's partials: error-block) or an
# error message (Oscar's alert-danger).
REFUSAL_SHOWN = ('role="alert"', "alert-danger", "errorlist", "error-block")


@pytest.fixture
def portal(world):
    """The portal world, with a member for the producer whose application is still open."""
    world.users["applicant"] = member("nsx_cho", world.pending_producer)
    world.users["superuser"] = get_user_model().objects.create_superuser(
        "chief", "chief@ocop.test", "pw"
    )
    return world


@dataclass(frozen=True)
class Form:
    route: str  # the URL name the form posts to
    role: str  # who fills it in (portal World.users)
    url: Callable  # (world) -> the address
    fields: Callable  # (world) -> {name: strategy}
    shows_its_result: bool = False  # a success answers 200 with the result, not a redirect


def _commune(w):
    return Commune.objects.filter(province=w.province_a).values_list("pk", flat=True)[0]


def _lines(w):
    return {
        f"line-{pk}": or_valid(0, 1, -1)
        for pk in w.shipment.order.lines.values_list("pk", flat=True)
    }


BATCH_FIELDS = {
    "lot_code": typed,
    "produced_on": or_valid("2026-01-05", "2026-02-30", "05/01/2026"),
    "best_before": or_valid("2027-01-05", "2020-01-01"),
    "quantity": or_valid(10, 0, -1),
    "unit": or_valid("kg", "chai"),
    "origin_area": or_valid("Con Cuông"),
    "growing_area_code": typed,
    "inputs": typed,
    "standards": typed,
}
SHIPMENT_FIELDS = {
    "status": or_valid(*Shipment.Status.values),
    "carrier": or_valid("Viettel Post"),
    "tracking_number": typed,
    "reason": typed,
    "next": or_valid("/dashboard/shop/shipments/", "https://evil.example/", "//evil.example"),
}

FORMS = [
    Form(
        "producer-dashboard:application",
        "applicant",
        lambda w: reverse("producer-dashboard:application"),
        lambda w: {
            "legal_name": or_valid("HTX Chè xanh"),
            "entity_type": or_valid(*Producer.EntityType.values),
            "registration_number": or_valid("2900123456"),
            "province": or_valid(w.province_a.pk, w.province_q.pk),
            "commune": or_valid(_commune(w)),
            "street_address": typed,
            "contact_person": or_valid("Nguyễn Văn A"),
            "phone": or_valid("0912345678", "+84 912 345 678"),
            "email": or_valid("htx@example.vn"),
        },
    ),
    Form(
        "producer-dashboard:story",
        "producer",
        lambda w: reverse("producer-dashboard:story"),
        lambda w: {
            f"{name}{suffix}": typed
            for name in Producer.STORY_FIELDS
            for suffix in ("_vi", "_en", "")
            if f"{name}{suffix}" in StoryForm.base_fields
        },
    ),
    Form(
        "producer-dashboard:product-create",
        "producer",
        lambda w: reverse("producer-dashboard:product-create"),
        lambda w: {
            "title": or_valid("Trà xanh"),
            "description": typed,
            "is_public": or_valid("on"),
            "product_group": or_valid(w.group.pk),
            "price": or_valid(150000, 999, 10**30),
            "num_in_stock": or_valid(5, -1),
        },
    ),
    Form(
        "producer-dashboard:product",
        "producer",
        lambda w: reverse("producer-dashboard:product", args=[w.product.pk]),
        lambda w: {
            "title": or_valid("Mật ong rừng"),
            "description": typed,
            "is_public": or_valid("on"),
            "product_group": or_valid(w.group.pk),
        },
    ),
    Form(
        "producer-dashboard:stock-update",
        "producer",
        lambda w: reverse("producer-dashboard:stock-update", args=[w.stockrecord.pk]),
        lambda w: {
            "num_in_stock": or_valid(20, 0, -3),
            "price": or_valid(150000, 0),
            "prefix": typed,
            "next": or_valid("/dashboard/producer/stock/", "https://evil.example/"),
        },
    ),
    Form(
        "producer-dashboard:batch-create",
        "producer",
        lambda w: reverse("producer-dashboard:batch-create"),
        lambda w: {"product": or_valid(w.product.pk), **BATCH_FIELDS},
    ),
    Form(
        "producer-dashboard:batch",
        "producer",
        lambda w: reverse("producer-dashboard:batch", args=[w.batch.pk]),
        lambda w: BATCH_FIELDS,
    ),
    Form(
        # The scan is left out here (test_hostile_uploads.py sends files):
        # the decision is always refused for it, with everything else typed checked too.
        "producer-dashboard:certificate-create",
        "producer",
        lambda w: reverse("producer-dashboard:certificate-create"),
        lambda w: {
            "product": or_valid(w.product.pk),
            "stars": or_valid(3, 4, 5, 6),
            "score": or_valid(80, 101),
            "criteria_version": or_valid("148", "1048"),
            "criteria_set": typed,
            "level": or_valid("province", "central"),
            "issuing_body": or_valid("UBND tỉnh Nghệ An"),
            "decision_number": or_valid("300/QĐ-UBND"),
            "decision_date": or_valid("2026-01-05", "2099-01-01"),
            "number": typed,
            "valid_until": or_valid("2029-01-05", "2000-01-01"),
        },
    ),
    Form(
        "shop-dashboard:shipment-update",
        "producer",
        lambda w: reverse("shop-dashboard:shipment-update", args=[w.shipment.pk]),
        lambda w: SHIPMENT_FIELDS,
    ),
    Form(
        "shop-dashboard:shipment",  # the shipment's own page posts to itself
        "producer",
        lambda w: reverse("shop-dashboard:shipment", args=[w.shipment.pk]),
        lambda w: SHIPMENT_FIELDS,
    ),
    Form(
        "province-dashboard:producer",
        "officer",
        lambda w: reverse("province-dashboard:producer", args=[w.pending_producer.pk]),
        lambda w: {"decision": or_valid(*Decision.CHOICES), "reason": typed},
    ),
    Form(
        "province-dashboard:certificate",
        "officer",
        lambda w: reverse("province-dashboard:certificate", args=[w.pending_certificate.pk]),
        lambda w: {"decision": or_valid("verify", "reject"), "reason": typed},
    ),
    Form(
        "shop-dashboard:transfers",
        "staff",
        lambda w: reverse("shop-dashboard:transfers"),
        lambda w: {
            "bank_reference": or_valid("FT26001"),
            "booked_on": or_valid(today().isoformat(), "2026-13-01"),
            "amount": or_valid(150000, 0, 10**30),
            "description": or_valid(w.shipment.order.number),
        },
        shows_its_result=True,
    ),
    Form(
        "shop-dashboard:refund",
        "staff",
        lambda w: reverse("shop-dashboard:refund", args=[w.shipment.order.number]),
        lambda w: {"everything": or_valid("1"), "reason": typed, **_lines(w)},
    ),
    Form(
        "shop-dashboard:payout-record",
        "staff",
        lambda w: reverse("shop-dashboard:payout-record", args=[w.producer_a.pk]),
        lambda w: {
            "amount": or_valid(1000, 0, 10**30),
            "memo": typed,
            "next": or_valid("/dashboard/shop/payouts/", "https://evil.example/"),
        },
    ),
]


def state():
    """What a refused form must leave as it was."""
    return [
        list(Product.objects.order_by("pk").values_list("pk", "title", "description", "is_public")),
        list(StockRecord.objects.order_by("pk").values_list("pk", "num_in_stock", "price")),
        list(Batch.objects.order_by("pk").values_list()),
        list(Certificate.objects.order_by("pk").values_list("pk", "status", "status_reason")),
        list(Producer.objects.order_by("pk").values_list()),
        list(Shipment.objects.order_by("pk").values_list("pk", "status", "carrier")),
        list(Payment.objects.order_by("pk").values_list()),
        [ProducerDocument.objects.count(), ProductImage.objects.count()],
        [LedgerEntry.objects.count(), BankTransfer.objects.count(), Refund.objects.count()],
    ]


def check_answer(client, response, before, *, shows_its_result=False):
    """The rules every answer keeps, whatever was typed."""
    assert response.status_code in ANSWERS, response
    html = response.content.decode(errors="replace")
    assert XSS not in html
    if response.status_code == 200 and shows_its_result and state() != before:
        return  # a success, shown in place
    if response.status_code in REFUSALS:
        assert state() == before, "a refused form changed something"
        if response.status_code == 200:
            assert any(marker in html for marker in REFUSAL_SHOWN), html[:2000]
    else:
        # Saved: what was typed is shown as text on the page the producer is sent to.
        target = urlsplit(response["Location"])
        assert not target.netloc, response["Location"]  # never to another site
        assert XSS not in client.get(response["Location"]).content.decode(errors="replace")


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.route)
@FUZZ
@given(data=st.data())
def test_portal_forms_answer_with_a_message_never_an_error(client, portal, form, data):
    client.force_login(portal.users[form.role])
    values = data.draw(st.fixed_dictionaries({}, optional=form.fields(portal)), label="form data")
    before = state()
    response = client.post(form.url(portal), values)
    check_answer(client, response, before, shows_its_result=form.shows_its_result)


# The CMS's public form: a fair's application to exhibit -------------------------------


@pytest.fixture
def fair(nghe_an):
    fair = make_fair(nghe_an, application_deadline=today() + datetime.timedelta(days=5))
    fair.form_fields = [
        FairApplicationField(label="Tên chủ thể", field_type="singleline", required=True),
        FairApplicationField(label="Email", field_type="email", required=True),
        FairApplicationField(label="Số gian hàng", field_type="number"),
        FairApplicationField(label="Ngày đến", field_type="date"),
        FairApplicationField(
            label="Nhóm sản phẩm", field_type="dropdown", choices="Thực phẩm\nĐồ uống"
        ),
        FairApplicationField(label="Trang web", field_type="url"),
        FairApplicationField(label="Ghi chú", field_type="multiline"),
    ]
    fair.save_revision().publish()
    return fair


@FUZZ
@given(data=st.data())
def test_a_fair_application_is_accepted_or_refused_with_the_reason(client, fair, data):
    names = FairApplicationField.objects.filter(page=fair).values_list("clean_name", flat=True)
    plausible = {
        "ten_chu_the": or_valid("HTX Minh Thành"),
        "email": or_valid("htx@example.vn"),
        "so_gian_hang": or_valid(2, -1, 10**30),
        "ngay_en": or_valid("2026-01-05"),
        "ngay_den": or_valid("2026-01-05"),
        "nhom_san_pham": or_valid("Thực phẩm", "Đồ uống"),
        "trang_web": or_valid("https://htx.example.vn", "javascript:alert(1)"),
    }
    values = data.draw(
        st.fixed_dictionaries({}, optional={n: plausible.get(n, typed) for n in names})
    )
    submissions = FormSubmission.objects.count()

    response = client.post(fair.url, values)

    assert response.status_code == 200, response
    html = response.content.decode()
    assert XSS not in html
    if FormSubmission.objects.count() == submissions:
        assert "errorlist" in html or 'role="alert"' in html or "is-invalid" in html, html[:2000]
        assert response.context["form"].errors
    else:
        assert not response.context.get("form")  # the thank-you page, not the form again


# Addresses and query strings ------------------------------------------------------------

NAMESPACES = ("producer-dashboard", "province-dashboard", "shop-dashboard")
PARAMETERS = ("province", "status", "product", "page", "q", "sort", "month", "year", "next")
query_values = st.one_of(
    typed,
    st.sampled_from(["1", "0", "-1", "40", "22", "open", "pending", "valid", "9" * 25]),
)
query_strings = st.dictionaries(
    st.sampled_from(PARAMETERS),
    st.lists(query_values, min_size=1, max_size=3),
    max_size=len(PARAMETERS),
)
# The ids each role's own pages are opened with.
KWARGS = {
    "producer-dashboard:product": lambda w: {"pk": w.product.pk},
    "producer-dashboard:product-image-delete": lambda w: {"pk": w.product.pk, "image_pk": 1},
    "producer-dashboard:stock-update": lambda w: {"pk": w.stockrecord.pk},
    "producer-dashboard:batch": lambda w: {"pk": w.batch.pk},
    "producer-dashboard:certificate": lambda w: {"pk": w.pending_certificate.pk},
    "province-dashboard:producer": lambda w: {"pk": w.pending_producer.pk},
    "province-dashboard:certificate": lambda w: {"pk": w.pending_certificate.pk},
    "shop-dashboard:shipment": lambda w: {"pk": w.shipment.pk},
    "shop-dashboard:shipment-update": lambda w: {"pk": w.shipment.pk},
    "shop-dashboard:refund": lambda w: {"number": w.shipment.order.number},
    "shop-dashboard:ledger": lambda w: {"producer_pk": w.producer_a.pk},
    "shop-dashboard:payout-record": lambda w: {"producer_pk": w.producer_a.pk},
    "shop-dashboard:statement": lambda w: {
        "producer_pk": w.producer_a.pk,
        "year": today().year,
        "month": today().month,
    },
}
ROLES = ("producer", "applicant", "officer", "staff")


@functools.cache
def portal_routes() -> dict:
    """Every route of the portal namespaces (and the sign-up), by URL name: {name: kwargs
    names and their types}, from the URL resolver."""
    routes = {}
    for endpoint in endpoints():
        try:
            match = resolve(endpoint.path)
        except Resolver404:
            continue
        if match.func is not endpoint.callback:
            continue
        if match.namespace in NAMESPACES or match.view_name == "producer-signup":
            routes[match.view_name] = {k: type(v) for k, v in match.kwargs.items()}
    return routes


@FUZZ
@given(role=st.sampled_from(ROLES), params=query_strings, data=st.data())
def test_portal_pages_answer_whatever_the_query_string(client, portal, role, params, data):
    route = data.draw(st.sampled_from(sorted(portal_routes())), label="route")
    client.force_login(portal.users[role])
    url = reverse(route, kwargs=KWARGS.get(route, lambda w: {})(portal))
    response = client.get(url, params)
    assert response.status_code in (200, 302, 403, 404, 405), (url, params, response)
    assert XSS not in response.content.decode(errors="replace")


ids = st.one_of(st.integers(min_value=0, max_value=10**30), st.sampled_from([1, 2, 2**63]))
words = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=50)


@FUZZ
@given(role=st.sampled_from(ROLES), method=st.sampled_from(["get", "post"]), data=st.data())
def test_any_id_in_a_portal_address_gets_a_page_or_a_clear_refusal(
    client, portal, role, method, data
):
    routes = {name: kwargs for name, kwargs in portal_routes().items() if kwargs}
    route = data.draw(st.sampled_from(sorted(routes)), label="route")
    kwargs = {
        name: data.draw(ids if kind is int else words.filter(lambda s: "/" not in s))
        for name, kind in routes[route].items()
    }
    client.force_login(portal.users[role])
    before = state()
    response = getattr(client, method)(reverse(route, kwargs=kwargs))
    assert response.status_code in (200, 302, 403, 404, 405), (route, kwargs, response)
    if response.status_code != 302:
        assert state() == before


# The enumeration: a new form route cannot slip past ----------------------------------

# Routes that take no typed input beyond their address and query string (both fuzzed
# above): lists, pages, CSV exports.
READ_ONLY = {
    "producer-dashboard:index",
    "producer-dashboard:products",
    "producer-dashboard:products-export",
    "producer-dashboard:stock",
    "producer-dashboard:stock-export",
    "producer-dashboard:batches",
    "producer-dashboard:certificates",
    "producer-dashboard:certificate",
    "producer-dashboard:sales",
    "producer-dashboard:sales-export",
    "province-dashboard:index",
    "province-dashboard:producers",
    "province-dashboard:certificates",
    "province-dashboard:certificates-export",
    "province-dashboard:statistics",
    "province-dashboard:statistics-export",
    "shop-dashboard:shipments",
    "shop-dashboard:shipments-export",
    "shop-dashboard:payouts",
    "shop-dashboard:ledger",
    "shop-dashboard:statement",
}
# Forms fuzzed elsewhere, with the test that does it.
FUZZED_ELSEWHERE = {
    "producer-signup": "test_hostile_forms.py::test_producer_signup",
    # A button with no field: its only input is the ids in its address.
    "producer-dashboard:product-image-delete": "test_any_id_in_a_portal_address_...",
}
FUZZED = {form.route for form in FORMS} | set(FUZZED_ELSEWHERE)


def test_every_portal_route_is_classified():
    routes = set(portal_routes())
    assert len(routes) > 30
    assert routes - FUZZED - READ_ONLY == set(), "a new portal route: fuzz its form here"
    assert (FUZZED | READ_ONLY) - routes == set(), "a route listed here is gone"


def test_every_form_on_the_portal_pages_posts_to_a_fuzzed_route(client, portal):
    seen, targets = 0, {}
    for role in (*ROLES, "superuser"):
        client.force_login(portal.users[role])
        for route in sorted(portal_routes()):
            url = reverse(route, kwargs=KWARGS.get(route, lambda w: {})(portal))
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            seen += 1
            for form in BeautifulSoup(response.content, "html.parser").find_all("form"):
                if (form.get("method") or "get").lower() != "post":
                    continue
                action = urlsplit(form.get("action") or url).path or urlsplit(url).path
                match = resolve(action)
                if match.namespace in NAMESPACES or match.view_name == "producer-signup":
                    targets.setdefault(match.view_name, url)
    assert seen > 30
    assert len(targets) >= 8  # the crawl found the portal's forms
    untested = {name: page for name, page in targets.items() if name not in FUZZED}
    assert untested == {}, "a form posts to a route no test fuzzes"
