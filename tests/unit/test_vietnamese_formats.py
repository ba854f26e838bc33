"""Dates and times on Vietnamese pages are written 25/11/2026 and 14:30 (24-hour)."""

import datetime

from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format, time_format

MOMENT = datetime.datetime(2026, 11, 25, 14, 30)


def test_vietnamese_dates_and_times():
    with translation.override("vi"):
        assert date_format(MOMENT.date()) == "25/11/2026"
        assert date_format(MOMENT.date(), "SHORT_DATE_FORMAT") == "25/11/2026"
        assert time_format(MOMENT.time()) == "14:30"
        assert (
            Template("{{ when|date }} {{ when|time }}").render(Context({"when": MOMENT}))
            == "25/11/2026 14:30"
        )


def test_english_pages_keep_their_own_formats():
    with translation.override("en"):
        assert date_format(MOMENT.date()) == "Nov. 25, 2026"
