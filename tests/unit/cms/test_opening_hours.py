"""When a point of sale is open, from plain data (no database): weekly hours, night markets
that close after midnight, dated exceptions, and Vietnam's clock whatever the server's."""

import datetime
import os
import time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from cms.opening_hours import Span, is_open, span_problem, spans_on

VN = ZoneInfo("Asia/Ho_Chi_Minh")
T = datetime.time


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=VN)


OFFICE = {day: [Span(T(7, 30), T(11, 30)), Span(T(13, 30), T(17, 30))] for day in range(6)}
# Friday to Sunday evenings, 17:00 to 01:00 the next morning.
NIGHT_MARKET = {day: [Span(T(17), T(1), closes_next_day=True)] for day in (4, 5, 6)}
TET = SimpleNamespace(
    first_day=datetime.date(2027, 2, 5),
    last_day=datetime.date(2027, 2, 10),
    closed=True,
    opens=None,
    closes=None,
    closes_next_day=False,
)


def test_office_hours_with_a_lunch_break():
    monday = (2027, 3, 1)
    assert is_open(weekly=OFFICE, exceptions=[], at=at(*monday, 7, 30))
    assert not is_open(weekly=OFFICE, exceptions=[], at=at(*monday, 12, 0))
    assert is_open(weekly=OFFICE, exceptions=[], at=at(*monday, 17, 29))
    assert not is_open(weekly=OFFICE, exceptions=[], at=at(*monday, 17, 30))  # closing time
    assert not is_open(weekly=OFFICE, exceptions=[], at=at(2027, 3, 7, 9, 0))  # Sunday


def test_right_across_midnight():
    # Friday 5 March 2027 to Saturday 6 March.
    assert is_open(weekly=NIGHT_MARKET, exceptions=[], at=at(2027, 3, 5, 23, 59))
    assert is_open(weekly=NIGHT_MARKET, exceptions=[], at=at(2027, 3, 6, 0, 0))
    assert is_open(weekly=NIGHT_MARKET, exceptions=[], at=at(2027, 3, 6, 0, 59))
    assert not is_open(weekly=NIGHT_MARKET, exceptions=[], at=at(2027, 3, 6, 1, 0))
    # Sunday night's market runs into Monday, a day it does not open itself.
    assert is_open(weekly=NIGHT_MARKET, exceptions=[], at=at(2027, 3, 8, 0, 30))
    # Thursday night has no market, so Friday 00:30 is closed.
    assert not is_open(weekly=NIGHT_MARKET, exceptions=[], at=at(2027, 3, 5, 0, 30))


def test_an_office_closing_at_midnight_is_closed_just_after():
    until_midnight = {0: [Span(T(8), T(0), closes_next_day=True)]}
    assert is_open(weekly=until_midnight, exceptions=[], at=at(2027, 3, 1, 23, 59, 59))
    assert not is_open(weekly=until_midnight, exceptions=[], at=at(2027, 3, 2, 0, 0))


def test_all_day_is_midnight_to_midnight():
    all_day = {day: [Span(T(0), T(0), closes_next_day=True)] for day in range(7)}
    for hour in (0, 6, 12, 23):
        assert is_open(weekly=all_day, exceptions=[], at=at(2027, 3, 3, hour, 30))


def test_closed_on_an_exception_day_that_is_a_working_weekday():
    # Monday 8 February 2027 would be open; Tết closes it.
    monday_in_tet = at(2027, 2, 8, 9, 0)
    assert not is_open(weekly=OFFICE, exceptions=[TET], at=monday_in_tet)
    assert is_open(weekly=OFFICE, exceptions=[TET], at=at(2027, 2, 11, 9, 0))  # the day after
    assert spans_on(datetime.date(2027, 2, 8), weekly=OFFICE, exceptions=[TET]) == []


def test_an_exception_with_its_own_hours_replaces_the_day():
    short_day = SimpleNamespace(
        first_day=datetime.date(2027, 4, 30),
        last_day=datetime.date(2027, 4, 30),
        closed=False,
        opens=T(8),
        closes=T(10),
        closes_next_day=False,
    )
    friday = (2027, 4, 30)
    assert is_open(weekly=OFFICE, exceptions=[short_day], at=at(*friday, 9, 0))
    assert not is_open(weekly=OFFICE, exceptions=[short_day], at=at(*friday, 14, 0))


def test_the_night_before_an_exception_still_runs_past_midnight():
    # A Sunday market the night before a closed Monday still runs until 01:00 on Monday.
    monday = datetime.date(2027, 3, 8)
    closed_monday = SimpleNamespace(**{**vars(TET), "first_day": monday, "last_day": monday})
    assert is_open(weekly=NIGHT_MARKET, exceptions=[closed_monday], at=at(2027, 3, 8, 0, 30))


@pytest.fixture
def utc_server():
    """The machine's clock and zone in UTC, as on most servers."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


def test_now_is_vietnam_time_when_the_server_runs_in_utc(utc_server, settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    # 16:30 UTC on Monday is 23:30 on Monday in Vietnam: the office has closed.
    with time_machine.travel(
        datetime.datetime(2027, 3, 1, 16, 30, tzinfo=datetime.UTC), tick=False
    ):
        assert datetime.datetime.now().hour == 16  # the server's own clock says afternoon
        assert not is_open(weekly=OFFICE, exceptions=[])
    # 01:00 UTC on Monday is 08:00 in Vietnam: open, though it is 01:00 on the server.
    with time_machine.travel(datetime.datetime(2027, 3, 1, 1, 0, tzinfo=datetime.UTC), tick=False):
        assert is_open(weekly=OFFICE, exceptions=[])
    # 16:30 UTC on Friday is 23:30 on Friday in Vietnam: the night market is on.
    with time_machine.travel(
        datetime.datetime(2027, 3, 5, 16, 30, tzinfo=datetime.UTC), tick=False
    ):
        assert is_open(weekly=NIGHT_MARKET, exceptions=[])


@pytest.mark.parametrize(
    ("opens", "closes", "next_day", "problem"),
    [
        (T(17), T(8), False, "Closing time 08:00 is not after opening time 17:00"),
        (T(8), T(8), False, "Closing time 08:00 is not after opening time 08:00"),
        (T(17), T(18), True, "more than 24 hours"),
        (None, T(18), False, "both the opening and the closing time"),
    ],
)
def test_impossible_hours_are_explained(opens, closes, next_day, problem):
    with translation.override("en"):
        assert problem in span_problem(opens, closes, next_day)


def test_possible_hours_pass():
    assert span_problem(T(7, 30), T(17, 30), False) is None
    assert span_problem(T(17), T(1), True) is None
    assert span_problem(T(0), T(0), True) is None
