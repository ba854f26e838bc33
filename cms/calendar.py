"""Fairs as calendars: the month grid of the fairs index, and iCalendar (RFC 5545) files that
calendar apps subscribe to (all fairs, one province's) or import (one fair)."""

import calendar
import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from catalog.selectors import today

ONE_DAY = datetime.timedelta(days=1)


def month_grid(month: datetime.date, fairs) -> list[list[dict]]:
    """The weeks (Monday first) of `month`, each day with the fairs on that day."""
    fairs = list(fairs)
    now = today()
    return [
        [
            {
                "day": day,
                "in_month": day.month == month.month,
                "is_today": day == now,
                "fairs": [fair for fair in fairs if fair.start_date <= day <= fair.end_date],
            }
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    ]


def month_range(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day the grid of `month` shows (whole weeks)."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    return weeks[0][0], weeks[-1][-1]


def shift_month(month: datetime.date, by: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + by
    return datetime.date(index // 12, index % 12 + 1, 1)


def fair_event(fair, *, request=None) -> Event:
    """One fair as an all-day event: DTEND is the day after the last day (RFC 5545)."""
    event = Event()
    # The same fair in Vietnamese and English is one event: its translation key names it.
    event.add("uid", f"ocop-fair-{fair.translation_key}")
    event.add("dtstamp", fair.last_published_at or timezone.now())
    event.add("dtstart", fair.start_date)
    event.add("dtend", fair.end_date + ONE_DAY)
    event.add("summary", fair.title)
    event.add("location", f"{fair.venue}, {fair.address}")
    event.add("geo", (float(fair.latitude), float(fair.longitude)))
    event.add("url", fair.get_full_url(request))
    event.add("categories", [fair.get_level_display()])
    description = "\n\n".join(part for part in (fair.intro, fair.organiser) if part)
    if description:
        event.add("description", description)
    return event


def calendar_file(fairs, *, name: str, request=None) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Cho OCOP//Fairs//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for fair in fairs:
        cal.add_component(fair_event(fair, request=request))
    return cal.to_ical()
