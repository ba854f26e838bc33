"""Fairs: the iCalendar feeds parse with the `icalendar` package and hold the right days; the
fairs index lists coming and past fairs and draws a month calendar."""

import datetime

import pytest
from icalendar import Calendar

from catalog.selectors import today
from tests.factories.cms import HA_LONG, commune, make_fair

pytestmark = pytest.mark.django_db

ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture
def fairs(nghe_an, quang_ninh, sections):
    return {
        "coming": make_fair(nghe_an, starts_in=10, days=5),
        "past": make_fair(nghe_an, starts_in=-40, days=2, slug="phien-cho", title="Phiên chợ OCOP"),
        "quang_ninh": make_fair(
            quang_ninh,
            starts_in=30,
            days=3,
            slug="hoi-cho-mong-cai",
            title="Hội chợ Móng Cái",
            commune=commune(22, "Phường Móng Cái 1"),
            **HA_LONG,
        ),
    }


def events(response) -> dict:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_of_every_fair_parses_with_the_right_days(fairs, client):
    found = events(client.get("/fairs.ics"))

    assert set(found) == {"Hội chợ OCOP Nghệ An", "Phiên chợ OCOP", "Hội chợ Móng Cái"}
    coming = found["Hội chợ OCOP Nghệ An"]
    start = today() + datetime.timedelta(days=10)
    assert coming.decoded("DTSTART") == start
    # All-day events end the day after their last day (RFC 5545).
    assert coming.decoded("DTEND") == start + datetime.timedelta(days=5)
    assert str(coming["URL"]).endswith("/tinh-thanh/nghe-an/hoi-cho-ocop-nghe-an/")
    assert "Quảng trường Hồ Chí Minh" in str(coming["LOCATION"])
    assert coming.decoded("GEO") is not None
    assert str(coming["UID"]) == f"ocop-fair-{fairs['coming'].translation_key}"


def test_a_province_feed_holds_only_that_provinces_fairs(fairs, client):
    found = events(client.get("/fairs.ics", {"province": "quang_ninh"}))
    assert set(found) == {"Hội chợ Móng Cái"}
    calendar = Calendar.from_ical(client.get("/fairs.ics?province=quang_ninh").content)
    assert str(calendar["X-WR-CALNAME"]) == "Hội chợ OCOP tại Quảng Ninh"


def test_add_to_calendar_gives_one_fair(fairs, client):
    fair = fairs["coming"]
    page = client.get(fair.url).text
    assert f'href="/fairs/{fair.pk}.ics"' in page

    response = client.get(f"/fairs/{fair.pk}.ics")

    assert set(events(response)) == {"Hội chợ OCOP Nghệ An"}
    assert response["Content-Disposition"] == 'attachment; filename="hoi-cho-ocop-nghe-an.ics"'


def test_an_unpublished_fair_is_in_no_feed(fairs, client):
    fairs["quang_ninh"].unpublish()

    assert "Hội chợ Móng Cái" not in events(client.get("/fairs.ics"))
    assert client.get(f"/fairs/{fairs['quang_ninh'].pk}.ics").status_code == 404
    assert client.get("/fairs/999999.ics").status_code == 404


def test_the_index_lists_coming_fairs_first_and_past_ones_apart(fairs, sections, client):
    index = sections["fairs"]
    coming = client.get(index.url).text
    assert coming.index("Hội chợ OCOP Nghệ An") < coming.index("Hội chợ Móng Cái")
    assert "Phiên chợ OCOP" not in coming

    past = client.get(index.url, {"when": "past"}).text
    assert "Phiên chợ OCOP" in past and "Hội chợ Móng Cái" not in past

    only_quang_ninh = client.get(index.url, {"province": "quang_ninh"}).text
    assert "Hội chợ Móng Cái" in only_quang_ninh and "Hội chợ OCOP Nghệ An" not in only_quang_ninh


def test_the_month_calendar_puts_each_fair_on_its_days(fairs, sections, client):
    fair = fairs["coming"]
    month = fair.start_date.replace(day=1)
    response = client.get(sections["fairs"].url, {"view": "calendar", "month": f"{month:%Y-%m}"})

    weeks = response.context["weeks"]
    days_with_it = [cell["day"] for week in weeks for cell in week if fair in cell["fairs"]]
    shown = [
        d for d in (fair.start_date + i * ONE_DAY for i in range(5)) if d <= weeks[-1][-1]["day"]
    ]
    assert days_with_it == shown
    assert all(len(week) == 7 and week[0]["day"].weekday() == 0 for week in weeks)
    assert f"Hội chợ tháng {month:%m/%Y}" in response.text
