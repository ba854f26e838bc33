"""The checkout benchmark's flow (bench/checkout_flow.py) sends the requests a shopper's
browser sends, in order, and reads the place-order form from the preview it saw: if it
drifted from the shop's checkout, the benchmark would time error pages instead."""

import pytest

from bench.checkout_flow import FlowError, flow, follows, local, step_name

PREVIEW = '<form method="post"><input type="hidden" name="fingerprint" value="abc123"></form>'


def walk(ended_on_payment: tuple[str, str]):
    """The flow's requests, answering each with a page (the payment method's POST ends on
    `ended_on_payment`, after its redirects)."""
    requests = flow(7, "/catalogue/mat-ong_7/", "a@example.vn", 1, 4)
    sent, answer = [], None
    while True:
        try:
            method, path, data, _ = requests.send(answer)
        except StopIteration:
            return sent
        sent.append((method, path, data))
        answer = ended_on_payment if path == "/checkout/payment-method/" else (path, PREVIEW)


def test_an_order_is_basket_add_guest_checkout_cash_on_delivery_then_place_order():
    sent = walk(("/checkout/preview/", PREVIEW))
    assert [(method, path) for method, path, _ in sent] == [
        ("POST", "/basket/add/7/"),
        ("GET", "/checkout/"),
        ("POST", "/checkout/"),
        ("POST", "/checkout/shipping-address/"),
        ("POST", "/checkout/payment-method/"),
        ("POST", "/checkout/preview/"),
    ]
    assert sent[2][2] == {"username": "a@example.vn", "options": "anonymous"}
    assert sent[3][2]["province"] == 1 and sent[3][2]["commune"] == 4
    assert sent[4][2] == {"method": "cod"}
    assert sent[-1][2] == {"action": "place_order", "fingerprint": "abc123"}


def test_the_preview_is_opened_when_the_payment_step_did_not_lead_there():
    sent = walk(("/checkout/payment-method/", "<p>Choose how you will pay.</p>"))
    assert ("GET", "/checkout/preview/", None) in sent
    assert sent[-1][2]["fingerprint"] == "abc123"


def test_a_preview_without_the_place_order_form_is_a_failed_order():
    requests = flow(7, "/catalogue/mat-ong_7/", "a@example.vn", 1, 4)
    answer = None
    with pytest.raises(FlowError):
        while True:
            method, path, _, _ = requests.send(answer)
            answer = (path, "<p>Out of stock</p>")


def test_steps_are_named_by_kind_and_only_checkout_redirects_are_followed():
    assert step_name("POST", "/basket/add/123/") == "POST /basket/add/<id>/"
    assert step_name("GET", "/checkout/thank-you/?x=1") == "GET /checkout/thank-you/"
    assert local("http://127.0.0.1:8130/checkout/preview/?a=1") == "/checkout/preview/?a=1"
    assert follows("POST", 302, "/checkout/shipping-method/")
    assert not follows("POST", 302, "/catalogue/mat-ong_7/")
    assert not follows("GET", 200, None)
