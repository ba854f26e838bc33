"""Dashboard charts: drawn on the server as SVG by pygal, shown as an <img> (a data: URI),
so the picture can run no script and needs no JavaScript or CDN; every chart carries its
rows, which the template prints as a table for screen readers (and as the CSV export)."""

from dataclasses import dataclass

import pygal
from oscar.templatetags.currency_filters import currency
from pygal.style import Style

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#333",
    foreground_strong="#111",
    foreground_subtle="#bbb",
    colors=("#b3261e", "#d98e04", "#2e7d32", "#1565c0", "#6a1b9a", "#00838f"),
    font_family="system-ui, sans-serif",
    label_font_size=15,
    major_label_font_size=15,
    value_font_size=15,
    title_font_size=18,
)


@dataclass(frozen=True)
class Chart:
    """One chart: its title, its column headings, its rows (label, value), and the picture."""

    slug: str
    title: str
    label_heading: str
    value_heading: str
    rows: list
    picture: str  # a data:image/svg+xml URI
    width: int = 0
    height: int = 0

    @property
    def total(self):
        return sum(value for _label, value in self.rows)


def _size(kind, rows) -> tuple[int, int]:
    # Drawn about as wide as a phone's screen, so its labels stay readable there.
    if kind is pygal.HorizontalBar:
        return 420, max(220, 60 + 40 * len(rows))
    return 420, 300


def _draw(kind, *, title: str, rows: list, money: bool) -> str:
    width, height = _size(kind, rows)
    chart = kind(
        style=STYLE,
        js=[],  # pygal's tooltip script is fetched from a CDN: none here
        show_legend=False,
        width=width,
        height=height,
        print_values=True,
        print_values_position="top",
        value_formatter=currency  # the shop's one VND format: 150.000 ₫
        if money
        else (lambda v: str(int(v))),
        truncate_label=24,
        show_y_guides=kind is not pygal.HorizontalBar,
        margin=12,
    )
    chart.title = None  # the page's heading names it, read once
    chart.x_labels = [str(label) for label, _value in rows]
    chart.add(title, [value for _label, value in rows])
    return chart.render_data_uri()


def bar_chart(
    slug: str,
    *,
    title: str,
    rows: list,
    label_heading: str,
    value_heading: str,
    money: bool = False,
    horizontal: bool = True,
) -> Chart:
    """A bar chart of (label, value) rows (horizontal: long labels stay readable on a
    phone; vertical for months)."""
    rows = [(label, int(value or 0)) for label, value in rows]
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    width, height = _size(kind, rows)
    return Chart(
        slug=slug,
        title=title,
        label_heading=label_heading,
        value_heading=value_heading,
        rows=rows,
        picture=_draw(kind, title=title, rows=rows, money=money) if rows else "",
        width=width,
        height=height,
    )
