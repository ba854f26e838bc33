"""The demo's page tree from pages.json: sections under the home page, province pages with
their points of sale, fairs, tourism pages and articles, national fairs and news, each with its
English copy when the data gives one. Products and producers are named by UPC and partner code.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.management.base import CommandError
from oscar.core.loading import get_model
from wagtail.models import Locale

from catalog.models import Commune, Producer, Province
from catalog.selectors import today
from cms import models as pages
from shop.demo.loaders.cms.tree import ensure_child, ensure_translation

Product = get_model("catalogue", "Product")

ENGLISH = "en"
SECTION_TYPES = {
    "ProvinceIndexPage": pages.ProvinceIndexPage,
    "MapPage": pages.MapPage,
    "FairIndexPage": pages.FairIndexPage,
    "TourismIndexPage": pages.TourismIndexPage,
    "ArticleIndexPage": pages.ArticleIndexPage,
}


@dataclass
class Catalogue:
    """Demo products by UPC and producers by partner code, as loaded by the catalog loader."""

    products: dict[str, int]
    producers: dict[str, int]

    @classmethod
    def from_database(cls) -> "Catalogue":
        return cls(
            products=dict(Product.objects.values_list("upc", "pk")),
            producers=dict(Producer.objects.values_list("partner__code", "pk")),
        )

    def product(self, upc: str) -> int:
        if upc not in self.products:
            raise CommandError(f"CMS demo: no product with UPC {upc!r} (load the catalog first).")
        return self.products[upc]

    def producer(self, code: str) -> int:
        if code not in self.producers:
            raise CommandError(f"CMS demo: no producer with partner code {code!r}.")
        return self.producers[code]

    def product_rows(self, upcs: list[str]) -> list[dict]:
        return [{"product_id": self.product(upc), "sort_order": i} for i, upc in enumerate(upcs)]

    def producer_rows(self, codes: list[str]) -> list[dict]:
        return [
            {"producer_id": self.producer(code), "sort_order": i} for i, code in enumerate(codes)
        ]

    def stream(self, blocks: list) -> list[dict]:
        """[["type", value], …] from the data file as StreamField data (ids for names)."""
        data = []
        for block_type, value in blocks:
            if block_type == "products":
                value = {**value, "products": [self.product(upc) for upc in value["products"]]}
            elif block_type == "producers":
                value = {
                    **value,
                    "producers": [self.producer(code) for code in value["producers"]],
                }
            data.append({"type": block_type, "value": value})
        return data


@dataclass
class Tree:
    home_url: str
    province_pages: dict[str, pages.ProvincePage] = field(default_factory=dict)
    sections: dict[str, object] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    states: Counter = field(default_factory=Counter)

    def count(self, kind: str, page, state: str) -> None:
        self.counts[(kind, page.locale.language_code)] += 1
        self.states[state] += 1

    def report(self) -> list[str]:
        kinds = (
            ("section", "sections"),
            ("province", "province pages"),
            ("point_of_sale", "points of sale"),
            ("fair", "fairs"),
            ("tourism", "tourism pages"),
            ("article", "articles"),
        )
        vi = ", ".join(f"{self.counts[(kind, 'vi')]} {label}" for kind, label in kinds)
        english = sum(n for (_, language), n in self.counts.items() if language == ENGLISH)
        states = ", ".join(f"{self.states[s]} {s}" for s in ("created", "updated", "unchanged"))
        links = [
            f"  {page.title}: {page.full_url}"
            for key in ("provinces", "map", "fairs", "tourism", "news")
            if (page := self.sections.get(key)) is not None
        ]
        return [
            f"CMS pages: {vi}; {english} English copies ({states})",
            *links,
            f"  Fairs iCalendar: {self.home_url.rstrip('/')}/fairs.ics",
        ]


# Values as the models store them ------------------------------------------------------------


def _time(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


def _place(spec: dict, province: Province) -> dict:
    commune = Commune.objects.filter(province=province, name=spec["commune"]).first()
    if commune is None:
        raise CommandError(
            f"CMS demo {spec['slug']}: no commune named {spec['commune']!r} in {province.name}."
        )
    return {
        "commune": commune,
        "street_address": spec.get("street_address", ""),
        "latitude": Decimal(spec["latitude"]),
        "longitude": Decimal(spec["longitude"]),
    }


def _province(name: str) -> Province:
    province = Province.objects.filter(name=name).first()
    if province is None:
        raise CommandError(f"CMS demo: no province named {name!r}.")
    return province


def _hours(spec: list) -> list[dict]:
    rows = []
    for days, opens, closes, *night in spec:
        for day in days:
            rows.append(
                {
                    "weekday": day,
                    "opens": _time(opens),
                    "closes": _time(closes),
                    "closes_next_day": bool(night and night[0]),
                }
            )
    rows.sort(key=lambda row: (row["weekday"], row["opens"]))
    return [{**row, "sort_order": i} for i, row in enumerate(rows)]


def _next_holiday(spec: dict, on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The next occurrence (or the current one) of a holiday, as (first day, last day)."""
    if "dates" in spec:
        days = [datetime.date.fromisoformat(day) for day in spec["dates"]]
    else:
        month, day = (int(part) for part in spec["month_day"].split("-"))
        days = [datetime.date(year, month, day) for year in (on.year, on.year + 1)]
    for day in days:
        last = day + datetime.timedelta(days=spec["days_after"])
        if last >= on:
            return day - datetime.timedelta(days=spec["days_before"]), last
    raise CommandError(f"CMS demo: no coming date for the holiday {spec['name']!r}.")


def _holidays(names: list[str], holidays: dict, on: datetime.date) -> list[dict]:
    rows = []
    for i, name in enumerate(names):
        first, last = _next_holiday(holidays[name], on)
        rows.append(
            {
                "name": holidays[name]["name"],
                "first_day": first,
                "last_day": last,
                "closed": True,
                "sort_order": i,
            }
        )
    return rows


def _form_fields(spec: list[dict]) -> list[dict]:
    return [
        {
            "label": item["label"],
            "field_type": item["field_type"],
            "required": item["required"],
            "choices": item.get("choices", ""),
            "sort_order": i,
        }
        for i, item in enumerate(spec)
    ]


def _texts(spec: dict, names: tuple[str, ...], catalogue: Catalogue) -> dict:
    """The translatable fields a spec gives (stream fields turned into StreamField data)."""
    values = {}
    for name in names:
        if name in spec:
            value = spec[name]
            values[name] = catalogue.stream(value) if name in STREAMS else value
    if "intro" in values and "search_description" not in spec:
        values["search_description"] = values["intro"]
    return values


STREAMS = ("body", "programme")
SECTION_TEXTS = ("title", "intro", "slug")
PAGE_TEXTS = ("title", "intro", "body", "slug")
PLACE_TEXTS = (*PAGE_TEXTS, "seasons", "getting_there", "programme", "how_to_apply")


class Builder:
    def __init__(self, data: dict, *, home, catalogue: Catalogue):
        self.data = data
        self.catalogue = catalogue
        self.today = today()
        self.english, _ = Locale.objects.get_or_create(language_code=ENGLISH)
        self.tree = Tree(home_url=home.full_url or "/")
        self.home = home

    def page(
        self, kind, parent, model, spec, *, fields, relations=None, tags=None, texts=PAGE_TEXTS
    ):
        """The Vietnamese page and, when the spec has "en", its English copy (same facts)."""
        fields = {**fields, **_texts(spec, texts, self.catalogue)}
        fields.pop("slug", None)
        page, state = ensure_child(
            parent, model, slug=spec["slug"], fields=fields, relations=relations, tags=tags
        )
        self.tree.count(kind, page, state)
        if "en" in spec:
            english = {**fields, **_texts(spec["en"], texts, self.catalogue)}
            translated, state = ensure_translation(
                page, self.english, fields=english, relations=relations, tags=tags
            )
            self.tree.count(kind, translated, state)
        return page

    def build(self) -> Tree:
        home_en = self.data["home_page"].get("en")
        if home_en:
            fields = {key: home_en[key] for key in home_en if key != "slug"}
            fields["slug"] = home_en["slug"]
            rows = self.catalogue.product_rows(self.data["home_page"]["featured_products"])
            ensure_translation(
                self.home, self.english, fields=fields, relations={"featured_products": rows}
            )
        for spec in self.data["sections"]:
            model = SECTION_TYPES[spec["type"]]
            section = self.page("section", self.home, model, spec, fields={}, texts=SECTION_TEXTS)
            self.tree.sections[spec["key"]] = section
        for spec in self.data["provinces"]:
            self.province(spec)
        fairs_index = self.tree.sections["fairs"]
        for spec in self.data["national_fairs"]:
            self.fair(fairs_index, spec, _province(spec["province"]))
        news = self.tree.sections["news"]
        for spec in self.data["articles"]:
            self.article(news, spec)
        return self.tree

    def province(self, spec: dict) -> None:
        province = _province(spec["province"])
        page = self.page(
            "province",
            self.tree.sections["provinces"],
            pages.ProvincePage,
            spec,
            fields={"province": province},
            relations={
                "featured_products": self.catalogue.product_rows(spec.get("featured_products", [])),
                "featured_producers": self.catalogue.producer_rows(
                    spec.get("featured_producers", [])
                ),
            },
        )
        self.tree.province_pages[province.short_name] = page
        for shop in spec["points_of_sale"]:
            self.point_of_sale(page, shop, province)
        for fair in spec["fairs"]:
            self.fair(page, fair, province)
        for place in spec.get("tourism", []):
            self.tourism(page, place, province)
        for article in spec["articles"]:
            self.article(page, article)

    def point_of_sale(self, parent, spec: dict, province: Province) -> None:
        holidays = _holidays(spec.get("holidays", []), self.data["holidays"], self.today)
        self.page(
            "point_of_sale",
            parent,
            pages.PointOfSalePage,
            spec,
            fields={"kind": spec["kind"], "phone": spec.get("phone", ""), **_place(spec, province)},
            relations={
                "opening_hours": _hours(spec["hours"]),
                "opening_exceptions": holidays,
                "stocked_products": self.catalogue.product_rows(spec["products"]),
            },
        )

    def fair(self, parent, spec: dict, province: Province) -> None:
        start = self.today + datetime.timedelta(days=spec["starts_in_days"])
        closes = spec.get("application_closes_in_days")
        fields = {
            "start_date": start,
            "end_date": start + datetime.timedelta(days=spec["days"] - 1),
            "application_deadline": None
            if closes is None
            else self.today + datetime.timedelta(days=closes),
            "level": spec["level"],
            "organiser": spec["organiser"],
            "venue": spec["venue"],
            "to_address": spec.get("to_address", ""),
            "subject": "Đăng ký gian hàng" if spec.get("to_address") else "",
            **_place(spec, province),
        }
        relations = {"exhibitors": self.catalogue.producer_rows(spec["exhibitors"])}
        if "how_to_apply" in spec:
            relations["form_fields"] = _form_fields(self.data["fair_form"])
        self.page(
            "fair",
            parent,
            pages.FairPage,
            spec,
            fields=fields,
            relations=relations,
            texts=PLACE_TEXTS,
        )

    def tourism(self, parent, spec: dict, province: Province) -> None:
        product = self.catalogue.product(spec["product"]) if spec.get("product") else None
        self.page(
            "tourism",
            parent,
            pages.TourismPage,
            spec,
            fields={"service_product_id": product, **_place(spec, province)},
            texts=PLACE_TEXTS,
        )

    def article(self, parent, spec: dict) -> None:
        self.page(
            "article",
            parent,
            pages.ArticlePage,
            spec,
            fields={"date": self.today - datetime.timedelta(days=spec["days_ago"])},
            tags=spec.get("tags", []),
        )


def load_tree(data: dict, *, home, catalogue: Catalogue) -> Tree:
    return Builder(data, home=home, catalogue=catalogue).build()
