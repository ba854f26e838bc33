"""Whatever a shopper or a would-be producer types into a form, the shop answers with the
form again (and its messages) or a redirect, never a server error, and never takes an
impossible quantity into a basket: property-based (hypothesis), on SQLite here and on
PostgreSQL in CI (whose answers to NUL characters and huge numbers differ)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oscar.core.loading import get_model

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")

# Any text (NUL, control and non-Latin characters included), numbers far outside any
# column, and a few plausible values.
text = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "0", "-1", "1", "0912 345 678", "a@b.vn", "<script>", "' OR 1=1 --"]),
)
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CLEAN = (200, 302)


def form(*fields):
    return st.fixed_dictionaries({}, optional={field: text for field in fields})


@FUZZ
@given(data=form("number", "email"))
def test_order_lookup(client, data):
    assert client.post("/order-status/", data).status_code in CLEAN


@FUZZ
@given(data=form("login-username", "login-password", "login-redirect_url"))
def test_shop_login(client, data):
    response = client.post("/accounts/login/", {**data, "login_submit": "1"})
    assert response.status_code in CLEAN


@FUZZ
@given(
    data=form(
        "legal_name",
        "entity_type",
        "registration_number",
        "province",
        "commune",
        "street_address",
        "contact_person",
        "phone",
        "email",
        "password",
    )
)
def test_producer_signup(client, data):
    assert client.post("/producers/join/", data).status_code in CLEAN


@FUZZ
@given(quantity=text)
def test_basket_quantity(client, make_product, quantity):
    product = make_product(stock=5)
    response = client.post(f"/basket/add/{product.pk}/", {"quantity": quantity})
    assert response.status_code in CLEAN
    # The session's basket lives on across examples: count this example's product only.
    basket = Basket.objects.filter(lines__product=product).first()
    if basket is not None:
        assert 0 < sum(line.quantity for line in basket.lines.filter(product=product)) <= 5


@FUZZ
@given(data=form("first_name", "phone_number", "line1", "province", "commune", "notes"))
def test_checkout_address(client, make_product, data):
    product = make_product()
    client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    client.post("/checkout/", {"username": "khach@example.vn", "options": "anonymous"})
    response = client.post("/checkout/shipping-address/", data)
    assert response.status_code in CLEAN
