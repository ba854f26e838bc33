"""Checkout up to placing an order, under load (`bench.run`'s checkout measurement).

One order = basket add, then the guest checkout a shopper goes through, paying cash on
delivery: the gateway (guest e-mail), the shipping address form, the shipping method, the
payment method, the preview and "place order", to the thank-you page. Every HTTP request
of it is a step, named by its method and path (redirects inside /checkout/ are followed
one by one, each a step of its own), so the table shows what each page costs.

wrk's Lua scripts cannot easily carry a per-connection state machine with CSRF tokens and
redirects, so this is a small Python driver: --connections threads, each a shopper with
its own `requests` session, placing orders one after the other for --duration seconds.
The same flow runs once through Django's test client to count each step's SQL queries.
Afterwards: orders placed (new rows in order_order) must equal the thank-you pages seen.
"""

import re
import statistics
import threading
import time
import urllib.parse
from collections import Counter, defaultdict

FINGERPRINT = re.compile(r'name="fingerprint" value="([^"]*)"')
ADDRESS = {"first_name": "Khách đo tải", "phone_number": "0912345678", "line1": "1 Tràng Tiền"}


def step_name(method: str, path: str) -> str:
    """'POST /basket/add/123/' -> 'POST /basket/add/<id>/' (one row per kind of request)."""
    path = re.sub(r"/\d+/", "/<id>/", urllib.parse.urlsplit(path).path)
    return f"{method} {path}"


def local(location: str) -> str:
    """A redirect's target as a path on the same server."""
    parts = urllib.parse.urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def flow(product_pk: int, product_path: str, email: str, province: int, commune: int):
    """The requests of one order, as a browser sends them: yields (method, path, data,
    came_from) and receives (path, text) of the page the request ended on (after the
    redirects inside checkout), from which the preview's fingerprint is read."""
    yield "POST", f"/basket/add/{product_pk}/", {"quantity": 1}, product_path
    yield "GET", "/checkout/", None, "/basket/"
    yield "POST", "/checkout/", {"username": email, "options": "anonymous"}, "/checkout/"
    address = {**ADDRESS, "province": province, "commune": commune}
    yield "POST", "/checkout/shipping-address/", address, "/checkout/shipping-address/"
    path, text = yield (
        "POST",
        "/checkout/payment-method/",
        {"method": "cod"},
        "/checkout/payment-method/",
    )
    if not path.startswith("/checkout/preview/"):
        path, text = yield "GET", "/checkout/preview/", None, None
    fingerprint = FINGERPRINT.search(text or "")
    if not fingerprint:
        raise FlowError("the preview has no place-order form (out of stock?)")
    data = {"action": "place_order", "fingerprint": fingerprint.group(1)}
    yield "POST", "/checkout/preview/", data, "/checkout/preview/"


class FlowError(Exception):
    pass


def follows(method: str, status: int, location: str | None) -> bool:
    """Redirects inside checkout are steps of the flow; the basket's back to the product
    page is not (the shopper goes on to checkout instead)."""
    return status in (301, 302, 303) and bool(location) and "/checkout/" in location


def stock_to_sell(count: int = 500) -> list[tuple[int, str]]:
    """Listable goods with plenty left to sell: (pk, product page path)."""
    from django.db.models import ExpressionWrapper, F, IntegerField
    from django.db.models.functions import Coalesce

    from catalog import selectors

    left = F("stockrecords__num_in_stock") - Coalesce("stockrecords__num_allocated", 0)
    rows = (
        selectors.listable_products()
        .filter(product_class__track_stock=True, upc__startswith="GEN-")
        .annotate(left=ExpressionWrapper(left, output_field=IntegerField()))
        .filter(left__gte=50)
        .order_by("pk")
    )[:count]
    return [(product.pk, product.get_absolute_url()) for product in rows]


def a_commune() -> tuple[int, int]:
    from catalog.models import Commune

    return Commune.objects.order_by("province_id", "code").values_list("province_id", "code")[0]


def count_queries(products, place) -> dict:
    """SQL statements of each step, with the test client, for a second order (the first
    warms the caches a running shop would have warm)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.run import TRANSACTION_CONTROL

    counts = {}
    for number in range(2):
        client = Client()
        pk, path = products[number % len(products)]
        client.get(path)
        requests = flow(pk, path, f"sql{number}@example.vn", *place)
        ended = None
        while True:
            try:
                method, url, data, _ = requests.send(ended)
            except StopIteration:
                break
            while True:
                with CaptureQueriesContext(connection) as captured:
                    if method == "POST":
                        response = client.post(url, data)
                    else:
                        response = client.get(url)
                assert response.status_code < 400, (url, response.status_code)
                counts[step_name(method, url)] = sum(
                    1 for q in captured if not q["sql"].startswith(TRANSACTION_CONTROL)
                )
                location = response.headers.get("Location")
                if not follows(method, response.status_code, location):
                    break
                method, url, data = "GET", local(location), None
            ended = (url, response.content.decode())
    return counts


class Shopper(threading.Thread):
    def __init__(self, base, products, place, number, deadline, results):
        super().__init__(daemon=True)
        import requests

        self.session = requests.Session()
        self.base, self.products, self.place = base, products, place
        self.number, self.deadline, self.results = number, deadline, results

    def request(self, method, path, data, came_from, *, record=True):
        headers = {"Referer": self.base + (came_from or path)}
        if method == "POST":
            data = {"csrfmiddlewaretoken": self.session.cookies.get("csrftoken", ""), **data}
        started = time.perf_counter()
        response = self.session.request(
            method, self.base + path, data=data, headers=headers, allow_redirects=False, timeout=60
        )
        if record:
            self.results.record(step_name(method, path), time.perf_counter() - started, response)
        return response

    def run(self):
        order = 0
        pk, path = self.products[self.number % len(self.products)]
        self.request("GET", path, None, None, record=False)  # the CSRF cookie
        while time.monotonic() < self.deadline:
            pk, path = self.products[(self.number * 7919 + order) % len(self.products)]
            email = f"flow{self.number}-{order}@example.vn"
            order += 1
            try:
                self.one_order(pk, path, email)
            except Exception as error:  # noqa: BLE001  counted and reported, not raised
                self.results.fail(f"{type(error).__name__}: {error}")

    def one_order(self, pk, path, email):
        requests, ended = flow(pk, path, email, *self.place), None
        while True:
            try:
                method, url, data, came_from = requests.send(ended)
            except StopIteration:
                return
            while True:
                response = self.request(method, url, data, came_from)
                location = response.headers.get("Location")
                if not follows(method, response.status_code, location):
                    break
                method, url, data, came_from = "GET", local(location), None, None
            if response.status_code >= 400:
                raise FlowError(f"{method} {url}: {response.status_code}")
            if url.startswith("/checkout/thank-you/") and response.status_code == 200:
                self.results.thanked()
            ended = (url, response.text)


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.statuses = defaultdict(Counter)
        self.failures = Counter()
        self.thank_you_pages = 0

    def record(self, step, seconds, response):
        with self.lock:
            self.latencies[step].append(seconds)
            self.statuses[step][response.status_code] += 1

    def fail(self, why):
        with self.lock:
            self.failures[why] += 1

    def thanked(self):
        with self.lock:
            self.thank_you_pages += 1


def measure(base, *, duration, connections, warmup=0) -> dict:
    """Runs the shoppers against gunicorn at `base`; Django (the shop's settings) must be
    set up in this process, for the products and the count of orders."""
    from django.db import connection
    from oscar.core.loading import get_model

    Order = get_model("order", "Order")
    products, place = stock_to_sell(), a_commune()
    if warmup:
        _run(base, products, place, warmup, connections)
    before = Order.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    connection.close()
    results, elapsed = _run(base, products, place, duration, connections)
    placed = Order.objects.filter(pk__gt=before).count()
    connection.close()
    steps = {}
    for step, samples in results.latencies.items():
        cuts = (
            statistics.quantiles(samples, n=100, method="inclusive")
            if len(samples) > 1
            else [samples[0]] * 99
        )
        errors = sum(n for status, n in results.statuses[step].items() if status >= 400)
        steps[step] = {
            "requests": len(samples),
            "p50_ms": round(cuts[49] * 1000, 1),
            "p95_ms": round(cuts[94] * 1000, 1),
            "p99_ms": round(cuts[98] * 1000, 1),
            "errors": errors,
            "statuses": dict(sorted(results.statuses[step].items())),
        }
    return {
        "orders_placed": placed,
        "thank_you_pages": results.thank_you_pages,
        "orders_per_s": round(placed / elapsed, 2),
        "seconds": round(elapsed, 1),
        "connections": connections,
        "flow_failures": dict(results.failures),
        "steps": steps,
    }


def _run(base, products, place, duration, connections):
    results = Results()
    deadline = time.monotonic() + duration
    started = time.perf_counter()
    shoppers = [
        Shopper(base, products, place, number, deadline, results) for number in range(connections)
    ]
    for shopper in shoppers:
        shopper.start()
    for shopper in shoppers:
        shopper.join(timeout=duration + 120)
    return results, time.perf_counter() - started
