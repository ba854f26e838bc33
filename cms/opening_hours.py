"""When a point of sale is open: weekly hours, dated exceptions (Tết, holidays) and places
that close after midnight (night markets), always in the shop's time zone (Asia/Ho_Chi_Minh,
settings.TIME_ZONE) whatever zone the server runs in. Plain data in, no database."""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from django.utils import timezone
from django.utils.translation import gettext as _

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Span:
    """One opening on one day: from `opens` to `closes`, the next day when `closes_next_day`
    (00:00 to 00:00 the next day is open all day)."""

    opens: datetime.time
    closes: datetime.time
    closes_next_day: bool = False

    def on(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
        start = datetime.datetime.combine(day, self.opens)
        end_day = day + ONE_DAY if self.closes_next_day else day
        return start, datetime.datetime.combine(end_day, self.closes)


class DatedHours(Protocol):
    """A dated exception to the weekly hours (cms.models.OpeningException)."""

    first_day: datetime.date
    last_day: datetime.date
    closed: bool
    opens: datetime.time | None
    closes: datetime.time | None
    closes_next_day: bool


def span_problem(opens, closes, closes_next_day: bool) -> str | None:
    """Why these hours cannot be right, in the editor's words (None when they are)."""
    if opens is None or closes is None:
        return _("Give both the opening and the closing time.")
    if not closes_next_day and closes <= opens:
        return _(
            "Closing time %(closes)s is not after opening time %(opens)s. For a place that "
            "closes after midnight (a night market), tick “closes after midnight”."
        ) % {"opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")}
    if closes_next_day and closes > opens:
        return _(
            "Closing after midnight at %(closes)s would keep it open more than 24 hours from "
            "%(opens)s."
        ) % {"opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")}
    return None


def spans_on(
    day: datetime.date, *, weekly: Mapping[int, list[Span]], exceptions: Iterable[DatedHours]
) -> list[Span]:
    """The openings that start on `day`: a dated exception replaces the weekday's hours."""
    for exception in exceptions:
        if exception.first_day <= day <= exception.last_day:
            if exception.closed:
                return []
            return [Span(exception.opens, exception.closes, exception.closes_next_day)]
    return list(weekly.get(day.weekday(), []))


def shop_time(at: datetime.datetime | None = None) -> datetime.datetime:
    """`at` (default now) as a wall-clock time in the shop's zone, without tzinfo."""
    at = at or timezone.now()
    return timezone.localtime(at, timezone.get_default_timezone()).replace(tzinfo=None)


def is_open(
    *,
    weekly: Mapping[int, list[Span]],
    exceptions: Iterable[DatedHours],
    at: datetime.datetime | None = None,
) -> bool:
    """Open at that moment? Yesterday's openings count too: a night market that opened at
    17:00 yesterday is still open at 01:00."""
    now = shop_time(at)
    exceptions = list(exceptions)
    for day in (now.date() - ONE_DAY, now.date()):
        for span in spans_on(day, weekly=weekly, exceptions=exceptions):
            start, end = span.on(day)
            if start <= now < end:
                return True
    return False
