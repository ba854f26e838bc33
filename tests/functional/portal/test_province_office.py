"""The province officer's work: asking a producer for changes (the producer reads the
reason and sends the application again), certificates expiring within 60 days, and the
statistics with their charts, tables and CSV."""

import base64
import csv
import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone

from catalog import permissions
from catalog.models import Producer
from tests.factories import make_ocop_product

pytestmark = pytest.mark.django_db


def test_changes_requested_then_sent_again(
    django_app, world, django_capture_on_commit_callbacks, django_user_model
):
    applicant = world.pending_producer
    applicant.email = "cho.duyet@example.vn"
    applicant.save()
    member = django_user_model.objects.create_user("nsx_cho", "nsx_cho@ocop.test", "pw")
    from catalog.services.roles import producer_member_add

    producer_member_add(producer=applicant, user=member)

    page = django_app.get(
        f"/dashboard/province/producers/{applicant.pk}/", user=world.users["officer"]
    )
    form = page.forms["review_form"]
    form["decision"] = "changes"
    page = form.submit()  # no reason: refused, nothing changed
    applicant.refresh_from_db()
    assert applicant.status == "pending"
    form = page.forms["review_form"] if "review_form" in page.forms else form
    form["decision"] = "changes"
    form["reason"] = "Thiếu bản chụp giấy đăng ký hợp tác xã."
    with django_capture_on_commit_callbacks(execute=True):
        form.submit().follow()
    applicant.refresh_from_db()
    assert applicant.status == Producer.Status.CHANGES_REQUESTED
    assert "Thiếu bản chụp giấy đăng ký" in mail.outbox[-1].body
    assert set(mail.outbox[-1].to) == {"cho.duyet@example.vn", "nsx_cho@ocop.test"}

    home = django_app.get("/dashboard/producer/", user=member)
    assert "Thiếu bản chụp giấy đăng ký hợp tác xã." in home.text
    form = home.click("Sửa hồ sơ và gửi lại").forms["application_form"]
    form["contact_person"] = "Lê Thị Mai"
    form["phone"] = "0238 3822 456"
    with django_capture_on_commit_callbacks(execute=True):
        form.submit().follow()
    applicant.refresh_from_db()
    assert applicant.status == Producer.Status.PENDING and applicant.status_reason == ""
    assert mail.outbox[-1].to == ["canbo_na@ocop.test"]


def test_an_answer_to_a_guessed_id_of_another_province_is_refused(django_app, world):
    page = django_app.get(
        f"/dashboard/province/producers/{world.producer_a.pk}/",
        user=world.users["other_officer"],
        status=403,
    )
    assert "Mục này thuộc tỉnh khác" in page.text
    django_app.get(
        f"/dashboard/province/statistics/?province={world.province_a.pk}",
        user=world.users["other_officer"],
        status=403,
    )


def test_expiring_within_60_days_only(django_app, world):
    far = make_ocop_product(
        title="Hết hạn sau 90 ngày",
        producer=world.producer_a,
        decision_date=timezone.localdate() - datetime.timedelta(days=900),
        valid_until=timezone.localdate() + datetime.timedelta(days=90),
    )
    page = django_app.get("/dashboard/province/", user=world.users["officer"])
    expiring = page.html.select_one("#expiring-certificates").text
    assert world.product.title in expiring
    assert far.title not in expiring
    rows = list(
        csv.reader(
            io.StringIO(
                django_app.get(
                    "/dashboard/province/certificates/expiring.csv", user=world.users["officer"]
                ).text.lstrip("\ufeff")
            )
        )
    )
    assert [row[0] for row in rows[1:]] == [world.product.title]


def test_statistics_charts_tables_and_csv(django_app, world):
    page = django_app.get("/dashboard/province/statistics/", user=world.users["officer"])
    assert page.html.select_one("svg") is None  # charts are pictures: no inline SVG
    charts = page.html.select("figure.chart")
    assert [c["id"] for c in charts] == [
        "chart-listed-by-stars",
        "chart-listed-by-group",
        "chart-listed-by-commune",
        "chart-producers-by-entity-type",
        "chart-sales-by-month",
    ]
    stars = page.html.select_one("#chart-listed-by-stars")
    picture = stars.select_one("img")["src"]
    assert picture.startswith("data:image/svg+xml")
    svg = base64.b64decode(picture.split(",", 1)[1]).decode()
    assert "<svg" in svg
    # The same figures as a table for screen readers: A's and B's products, all 4★.
    cells = [td.text for td in stars.select("table tbody td")]
    assert stars.select_one("table tbody th").text == "4★" and cells == ["2"]
    entity = page.html.select_one("#chart-producers-by-entity-type table tbody").text
    assert "Hợp tác xã" in entity

    export = django_app.get("/dashboard/province/statistics.csv", user=world.users["officer"])
    rows = list(csv.reader(io.StringIO(export.text.lstrip("\ufeff"))))
    assert rows[0] == ["table", "label", "value"]
    assert ["listed-by-stars", "4★", "2"] in rows


def test_province_scoping_for_the_cms(world):
    """What the CMS's per-province editors will ask (catalog.permissions)."""
    officer = world.users["officer"]
    assert permissions.province_of_user(officer) == world.province_a
    assert permissions.can_manage_province(officer, world.province_a)
    assert not permissions.can_manage_province(officer, world.province_q)
    assert permissions.can_manage_province(world.users["staff"], world.province_q)
    assert permissions.province_of_user(world.users["producer"]) is None
    assert not permissions.can_manage_province(world.users["producer"], world.province_a)
