"""A point of sale's page says whether it is open now, in Vietnam's time, with its products."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from cms.models import OpeningException
from tests.factories.cms import make_point_of_sale, week

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def at_utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.fixture
def night_market(nghe_an):
    # Friday, Saturday and Sunday, 17:00 to 01:00 the next morning.
    return make_point_of_sale(
        nghe_an,
        title="Chợ đêm Cửa Lò",
        slug="cho-dem-cua-lo",
        hours=week("17:00", "01:00", days=(4, 5, 6), closes_next_day=True),
    )


def test_open_right_across_midnight(night_market, client):
    # Saturday 6 March 2027, 00:30 in Vietnam (17:30 UTC on Friday).
    with time_machine.travel(at_utc(2027, 3, 5, 17, 30), tick=False):
        assert night_market.is_open()
        assert "Đang mở cửa" in client.get(night_market.url).text
    # Saturday 01:00 in Vietnam: closed.
    with time_machine.travel(at_utc(2027, 3, 5, 18, 0), tick=False):
        assert not night_market.is_open()
        assert "Đang đóng cửa" in client.get(night_market.url).text


def test_closed_on_an_exception_day(nghe_an, client):
    shop = make_point_of_sale(nghe_an, hours=week("07:00", "21:00"))
    shop.opening_exceptions = [
        OpeningException(
            name="Tết Nguyên Đán",
            first_day=datetime.date(2027, 2, 5),
            last_day=datetime.date(2027, 2, 10),
            closed=True,
        )
    ]
    shop.save_revision().publish()
    # 09:00 in Vietnam on Monday 8 February 2027, in Tết.
    with time_machine.travel(at_utc(2027, 2, 8, 2, 0), tick=False):
        assert not shop.is_open()
        page = client.get(shop.url).text
        assert "Đang đóng cửa" in page
        assert "Tết Nguyên Đán" in page  # the coming exception is listed with its days
    with time_machine.travel(at_utc(2027, 2, 11, 2, 0), tick=False):
        assert shop.is_open()


def test_vietnam_time_even_when_the_active_zone_is_utc(nghe_an):
    shop = make_point_of_sale(nghe_an, hours=week("07:30", "17:30"))
    # 23:00 UTC is 06:00 the next day in Vietnam: not yet open, whatever zone is active.
    with time_machine.travel(at_utc(2027, 3, 1, 23, 0), tick=False), timezone.override("UTC"):
        assert not shop.is_open()
    # 01:00 UTC is 08:00 in Vietnam: open, though it is 01:00 by the server's clock.
    with time_machine.travel(at_utc(2027, 3, 2, 1, 0), tick=False), timezone.override("UTC"):
        assert shop.is_open()


def test_hours_are_listed_per_weekday_with_today_marked(nghe_an, client):
    shop = make_point_of_sale(nghe_an, hours=week("07:30", "11:30", days=range(6)))
    with time_machine.travel(at_utc(2027, 3, 3, 3, 0), tick=False):  # Wednesday
        page = client.get(shop.url)
    assert page.status_code == 200
    html = page.text
    assert "07:30–11:30" in html
    assert 'class="is-today" aria-current="date"' in html
    assert "Chủ nhật" in html and "Đóng cửa" in html  # Sunday: closed
