"""The query string of CMS listings (fairs calendar, map, news), read in one place: values that
are not a known province, kind, month or tag are dropped, so no URL gives a server error."""

import datetime
import re
from dataclasses import dataclass

_PROVINCE = re.compile(r"[a-z0-9_]{1,100}")  # Province.codename, as the search filter uses
_TAG = re.compile(r"[\w-]{1,100}")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_PAGE = re.compile(r"[0-9]{1,6}")
WHEN = ("upcoming", "past")
VIEWS = ("list", "calendar")
KINDS = ("point_of_sale", "fair", "tourism")


def _one(query, name: str) -> str:
    return str(query.get(name, "")).strip()


@dataclass(frozen=True)
class ListingParams:
    province: str = ""
    kinds: tuple[str, ...] = KINDS
    when: str = "upcoming"
    view: str = "list"
    month: datetime.date | None = None  # the first day of the month shown in the calendar
    tag: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, query) -> "ListingParams":
        province = _one(query, "province")
        kinds = tuple(kind for kind in KINDS if kind in query.getlist("kind"))
        tag = _one(query, "tag")
        page = _one(query, "page")
        return cls(
            province=province if _PROVINCE.fullmatch(province) else "",
            kinds=kinds or KINDS,
            when=_one(query, "when") if _one(query, "when") in WHEN else "upcoming",
            view=_one(query, "view") if _one(query, "view") in VIEWS else "list",
            month=_month(_one(query, "month")),
            tag=tag if _TAG.fullmatch(tag) else "",
            page=int(page) if _PAGE.fullmatch(page) else 1,
        )


def _month(value: str) -> datetime.date | None:
    match = _MONTH.fullmatch(value)
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        return None
    return datetime.date(year, month, 1)
