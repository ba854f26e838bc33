"""The producer's own pages with something in them: the sales summary of the world's order
(chart, tables, CSV), a batch recorded and its QR label sheet printed, a product hidden
and a picture removed, and what staff read of it in the audit trail."""

import csv
import io

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from catalog import selectors

pytestmark = pytest.mark.django_db


def test_sales_summary_counts_the_order_with_its_chart_and_csv(django_app, world):
    page = django_app.get("/dashboard/producer/sales/", user=world.users["producer"])
    stats = [b.text for b in page.html.select(".portal-stat b")]
    assert stats[0] == "1" and stats[1] == "1" and "150.000" in stats[2]
    assert page.html.select_one("#chart-revenue-by-month img")["src"].startswith(
        "data:image/svg+xml"
    )
    top = page.html.select_one("#top-products tbody").text
    assert "Mật ong SPAMARKER" in top and "150.000" in top
    month = timezone.localdate().strftime("%m/%Y")
    rows = list(
        csv.reader(
            io.StringIO(
                django_app.get(
                    "/dashboard/producer/sales.csv", user=world.users["producer"]
                ).text.lstrip("\ufeff")
            )
        )
    )
    assert rows == [["month", "orders", "revenue_vnd"], [month, "1", "150000"]]

    # The far producer's summary counts its own sale only.
    page = django_app.get("/dashboard/producer/sales/", user=world.users["far_producer"])
    assert "SPAMARKER" not in page.text


def test_a_batch_recorded_and_its_labels_printed(django_app, world):
    member = world.users["producer"]
    form = django_app.get("/dashboard/producer/batches/new/", user=member).forms["batch_form"]
    form["product"] = str(world.product.pk)
    form["lot_code"] = "MO-2026-07"
    form["produced_on"] = "2026-07-01"
    form["best_before"] = "2028-07-01"
    form["quantity"] = "240"
    form["unit"] = "hũ"
    form["origin_area"] = "Rừng Pù Mát, Con Cuông"
    form["growing_area_code"] = "VN-NA-CC-001"
    page = form.submit().follow()
    batch = world.product.batches.get(lot_code="MO-2026-07")
    labels = page.click("In tem QR")
    assert len(labels.html.select(".label img")) == 24
    assert batch.trace_code in labels.text


def test_hiding_a_product_unlists_it_and_staff_read_the_change(django_app, world):
    member = world.users["producer"]
    assert selectors.is_listable(world.product)
    form = django_app.get(f"/dashboard/producer/products/{world.product.pk}/", user=member).forms[
        "product_form"
    ]
    form["is_public"] = False
    form.submit().follow()
    world.product.refresh_from_db()
    assert not world.product.is_public
    assert not selectors.listable_products().filter(pk=world.product.pk).exists()

    entry = LogEntry.objects.get_for_object(world.product).filter(actor=member).latest()
    assert entry.changes_dict["is_public"] == ["True", "False"]
    trail = django_app.get("/dashboard/audit/?kind=catalogue.product", user=world.users["staff"])
    row = trail.html.select_one("#audit-trail tbody tr").text
    assert "nsx_a@ocop.test" in row and "True → False" in row
