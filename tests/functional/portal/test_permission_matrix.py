"""The authorisation matrix, through the real URLs: every role × object kind (product,
stock, batch, certificate, shipment, ledger, statistics, producer) × action (view, list,
edit, delete, export). The objects are producer A's (Nghệ An); the other producer (B, same
province), the far producer (Q, Quảng Ninh) and the other province's officer reach them
only by guessing their ids, and must be refused: 0 cross access.

A cell lists the routes that perform that action on that kind (a producer's page, an
officer's, Oscar's own for staff) and the roles each route allows; every other role is
refused (403, or the login page for anonymous visitors). An action the shop does not
offer (deleting a certificate, a batch, a ledger entry…) has no route: 404 for everyone.
List and export pages a role may open must not show A's things (MARKER) unless allowed.
"""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from catalog.models import Certificate, Producer
from shop.payments.models import LedgerEntry
from tests.functional.portal.conftest import MARKER

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "shopper",
    "producer",
    "other_producer",
    "far_producer",
    "officer",
    "other_officer",
    "staff",
)
ALL_PRODUCERS = {"producer", "other_producer", "far_producer"}
OFFICERS = {"officer", "other_officer"}
ABSENT = "absent"


def matrix(w) -> dict:
    """(kind, action) → [(method, url, data, allowed roles, roles that may see A's things)]."""
    p, sr, b, c = w.product, w.stockrecord, w.batch, w.certificate
    today = timezone.localdate()
    na = w.province_a.pk
    own = {"producer"}
    return {
        ("product", "view"): [
            ("get", f"/dashboard/producer/products/{p.pk}/", None, own, own),
            ("get", f"/dashboard/catalogue/products/{p.pk}/", None, {"staff"}, {"staff"}),
        ],
        ("product", "list"): [
            ("get", "/dashboard/producer/products/", None, ALL_PRODUCERS, own),
            ("get", "/dashboard/catalogue/", None, {"staff"}, {"staff"}),
        ],
        ("product", "edit"): [
            (
                "post",
                f"/dashboard/producer/products/{p.pk}/",
                {
                    "title": f"Mật ong {MARKER} mới",
                    "description": "",
                    "is_public": "on",
                    "product_group": w.group.pk,
                },
                own,
                own,
            ),
        ],
        ("product", "delete"): [
            ("get", f"/dashboard/catalogue/products/{p.pk}/delete/", None, {"staff"}, {"staff"}),
        ],
        ("product", "export"): [
            ("get", "/dashboard/producer/products.csv", None, ALL_PRODUCERS, own),
        ],
        ("stock", "view"): [("get", f"/dashboard/producer/stock/{sr.pk}/", None, own, own)],
        ("stock", "list"): [("get", "/dashboard/producer/stock/", None, ALL_PRODUCERS, own)],
        ("stock", "edit"): [
            (
                "post",
                f"/dashboard/producer/stock/{sr.pk}/",
                {"num_in_stock": 7, "price": 160000},
                own,
                own,
            )
        ],
        ("stock", "delete"): [(ABSENT, f"/dashboard/producer/stock/{sr.pk}/delete/")],
        ("stock", "export"): [("get", "/dashboard/producer/stock.csv", None, ALL_PRODUCERS, own)],
        ("batch", "view"): [("get", f"/dashboard/producer/batches/{b.pk}/", None, own, own)],
        ("batch", "list"): [("get", "/dashboard/producer/batches/", None, ALL_PRODUCERS, own)],
        ("batch", "edit"): [
            (
                "post",
                f"/dashboard/producer/batches/{b.pk}/",
                {
                    "lot_code": f"LO-{MARKER}",
                    "produced_on": (today - datetime.timedelta(days=10)).isoformat(),
                    "quantity": 90,
                    "unit": "hũ",
                    "origin_area": "Con Cuông",
                },
                own,
                own,
            )
        ],
        ("batch", "delete"): [(ABSENT, f"/dashboard/producer/batches/{b.pk}/delete/")],
        ("batch", "export"): [
            ("get", f"/trace/{b.trace_code}/labels/", None, {"producer", "staff"}, None)
        ],
        ("certificate", "view"): [
            ("get", f"/dashboard/producer/certificates/{c.pk}/", None, own, own),
            (
                "get",
                f"/dashboard/province/certificates/{c.pk}/",
                None,
                {"officer", "staff"},
                {"officer", "staff"},
            ),
        ],
        ("certificate", "list"): [
            ("get", "/dashboard/producer/certificates/", None, ALL_PRODUCERS, own),
            (
                "get",
                "/dashboard/province/certificates/",
                None,
                OFFICERS | {"staff"},
                {"officer", "staff"},
            ),
        ],
        ("certificate", "edit"): [
            (
                "post",
                f"/dashboard/province/certificates/{w.pending_certificate.pk}/",
                {"decision": "verify"},
                {"officer", "staff"},
                None,
            )
        ],
        ("certificate", "delete"): [(ABSENT, f"/dashboard/province/certificates/{c.pk}/delete/")],
        ("certificate", "export"): [
            (
                "get",
                "/dashboard/province/certificates/expiring.csv",
                None,
                OFFICERS | {"staff"},
                {"officer", "staff"},
            )
        ],
        ("shipment", "view"): [
            (
                "get",
                f"/dashboard/shop/shipments/{w.shipment.pk}/",
                None,
                {"producer", "staff"},
                None,
            )
        ],
        ("shipment", "list"): [
            (
                "get",
                "/dashboard/shop/shipments/",
                None,
                ALL_PRODUCERS | {"staff"},
                {"producer", "staff"},
            ),
            ("get", "/dashboard/orders/", None, {"staff"}, {"staff"}),
        ],
        ("shipment", "edit"): [
            (
                "post",
                f"/dashboard/shop/shipments/{w.shipment.pk}/update/",
                {"status": "packed"},
                {"producer", "staff"},
                None,
            )
        ],
        ("shipment", "delete"): [(ABSENT, f"/dashboard/shop/shipments/{w.shipment.pk}/delete/")],
        ("shipment", "export"): [
            (
                "get",
                "/dashboard/shop/shipments.csv?status=all",
                None,
                ALL_PRODUCERS | {"staff"},
                {"producer", "staff"},
            )
        ],
        ("ledger", "view"): [
            (
                "get",
                f"/dashboard/shop/payouts/{w.producer_a.pk}/",
                None,
                {"producer", "staff"},
                None,
            )
        ],
        ("ledger", "list"): [
            (
                "get",
                "/dashboard/shop/payouts/",
                None,
                ALL_PRODUCERS | {"staff"},
                {"producer", "staff"},
            )
        ],
        ("ledger", "edit"): [
            (
                "post",
                f"/dashboard/shop/payouts/{w.producer_a.pk}/pay/",
                {"amount": 1, "memo": "UNC 1"},
                {"staff"},
                None,
            )
        ],
        ("ledger", "delete"): [(ABSENT, f"/dashboard/shop/payouts/{w.producer_a.pk}/delete/")],
        ("ledger", "export"): [
            (
                "get",
                f"/dashboard/shop/payouts/{w.producer_a.pk}/{today.year}-{today.month}.csv",
                None,
                {"producer", "staff"},
                None,
            )
        ],
        ("statistics", "view"): [
            (
                "get",
                f"/dashboard/province/statistics/?province={na}",
                None,
                {"officer", "staff"},
                {"officer", "staff"},
            ),
            ("get", "/dashboard/producer/sales/", None, ALL_PRODUCERS, own),
        ],
        ("statistics", "list"): [
            (
                "get",
                f"/dashboard/province/?province={na}",
                None,
                {"officer", "staff"},
                {"officer", "staff"},
            ),
        ],
        ("statistics", "edit"): [(ABSENT, "/dashboard/province/statistics/edit/")],
        ("statistics", "delete"): [(ABSENT, "/dashboard/province/statistics/delete/")],
        ("statistics", "export"): [
            (
                "get",
                f"/dashboard/province/statistics.csv?province={na}",
                None,
                {"officer", "staff"},
                {"officer", "staff"},
            ),
            ("get", "/dashboard/producer/sales.csv", None, ALL_PRODUCERS, own),
        ],
        ("producer", "view"): [
            (
                "get",
                f"/dashboard/province/producers/{w.producer_a.pk}/",
                None,
                {"officer", "staff"},
                None,
            ),
            ("get", "/dashboard/producer/application/", None, ALL_PRODUCERS, own),
        ],
        ("producer", "list"): [
            (
                "get",
                "/dashboard/province/producers/",
                None,
                OFFICERS | {"staff"},
                {"officer", "staff"},
            )
        ],
        ("producer", "edit"): [
            (
                "post",
                f"/dashboard/province/producers/{w.pending_producer.pk}/",
                {"decision": "approve"},
                {"officer", "staff"},
                None,
            )
        ],
        ("producer", "delete"): [
            (ABSENT, f"/dashboard/province/producers/{w.producer_a.pk}/delete/")
        ],
        ("producer", "export"): [(ABSENT, "/dashboard/province/producers.csv")],
    }


KINDS = ("product", "stock", "batch", "certificate", "shipment", "ledger", "statistics")
ACTIONS = ("view", "list", "edit", "delete", "export")


def snapshot(w) -> dict:
    """What an edit would change, read afresh."""
    w.product.refresh_from_db()
    w.stockrecord.refresh_from_db()
    w.batch.refresh_from_db()
    w.shipment.refresh_from_db()
    return {
        "title": w.product.title,
        "stock": (w.stockrecord.num_in_stock, int(w.stockrecord.price)),
        "batch": (w.batch.quantity, w.batch.unit),
        "pending": Certificate.objects.get(pk=w.pending_certificate.pk).status,
        "shipment": w.shipment.status,
        "ledger": LedgerEntry.objects.count(),
        "applicant": Producer.objects.get(pk=w.pending_producer.pk).status,
    }


def outcome(response) -> str:
    if response.status_code == 404:
        return "404"
    if response.status_code == 403:
        return "denied"
    if response.status_code in (301, 302) and "/login/" in response["Location"]:
        return "login"
    if response.status_code in (200, 302):
        return "ok"
    return str(response.status_code)


def test_every_kind_and_action_has_a_cell(world):
    cells = matrix(world)
    assert {(k, a) for k in KINDS for a in ACTIONS} <= set(cells)


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, world, client):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    before = snapshot(world)
    wrong = []
    for (kind, action), routes in matrix(world).items():
        for route in routes:
            if route[0] == ABSENT:
                response = client.post(route[1])
                if response.status_code != 404:
                    wrong.append(f"{kind}/{action} {route[1]}: {response.status_code}, not 404")
                continue
            method, url, data, allowed, sees_a = route
            response = getattr(client, method)(url, data or {})
            got = outcome(response)
            if role in allowed:
                expected = "ok"
            else:
                expected = "login" if user is None else "denied"
            if got != expected:
                wrong.append(f"{kind}/{action} {method.upper()} {url}: {got}, expected {expected}")
            elif got == "ok" and sees_a is not None and role not in sees_a:
                body = b"".join(response) if response.streaming else response.content
                if MARKER.encode() in body:
                    wrong.append(f"{kind}/{action} {url}: shows producer A's things to {role}")
    assert wrong == [], "\n".join(wrong)

    after = snapshot(world)
    may_edit = {
        "producer": {"title", "stock", "batch", "shipment"},
        "officer": {"pending", "applicant"},
        "staff": {"pending", "applicant", "shipment"},
    }.get(role, set())
    assert {k: v for k, v in after.items() if k not in may_edit} == {
        k: v for k, v in before.items() if k not in may_edit
    }, "a refused request changed something"
    for key in may_edit:
        assert after[key] != before[key], f"{role} was allowed to change {key}, but it did not"
    # Another producer's or province's refused edits of A's objects are in the audit trail.
    refused = {
        entry.additional_data["refused"]
        for entry in LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=user)
    }
    expected_in_trail = {
        "other_producer": {"product edit", "stock edit", "batch edit", "shipment edit"},
        "far_producer": {"product edit", "stock edit", "batch edit", "shipment edit"},
        "other_officer": {"certificate verify", "producer review"},
    }.get(role, set())
    assert expected_in_trail <= refused


def test_a_guessed_id_that_does_not_exist_is_not_found(world, client):
    client.force_login(world.users["producer"])
    for url in (
        "/dashboard/producer/products/999999/",
        "/dashboard/producer/stock/999999/",
        "/dashboard/producer/batches/999999/",
        "/dashboard/producer/certificates/999999/",
        "/dashboard/shop/shipments/999999/",
        "/dashboard/shop/payouts/999999/",
    ):
        assert client.get(url).status_code == 404, url


def test_far_producer_sees_its_own_shipment_only(world, client):
    client.force_login(world.users["far_producer"])
    page = client.get("/dashboard/shop/shipments/").content.decode()
    assert f"shipment-{world.other_shipment.pk}" in page
    assert f'shipment-{world.shipment.pk}"' not in page
