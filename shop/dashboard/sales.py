"""Sales read from orders, for the producer's summary and the province's statistics: what
was sold (lines of shipments not cancelled, of orders not cancelled or expired, less
refunds), by month and by product. Reads only."""

from django.db.models import Count, F, IntegerField, Q, Sum
from django.db.models.functions import Cast, TruncMonth
from oscar.core.loading import get_model

Line = get_model("order", "Line")

NOT_SOLD_ORDER_STATUSES = ("expired", "cancelled")


def sold_lines(*, producer=None, province=None):
    lines = Line.objects.exclude(shipment__status="cancelled").exclude(
        order__status__in=NOT_SOLD_ORDER_STATUSES
    )
    if producer is not None:
        lines = lines.filter(shipment__producer=producer)
    if province is not None:
        lines = lines.filter(shipment__producer__province=province)
    # Named apart from the aggregates below: PostgreSQL refuses an aggregate that reuses
    # the name of the annotation it sums.
    return lines.annotate(
        kept_units=F("quantity") - F("refunded_quantity"),
        kept_revenue=Cast(F("unit_price_incl_tax"), IntegerField())
        * (F("quantity") - F("refunded_quantity")),
    )


def by_month(lines, *, months: int = 12) -> list[tuple[str, int, int]]:
    """(month "MM/YYYY", orders, revenue VND) for the last `months` months with sales,
    oldest first."""
    rows = (
        lines.annotate(month=TruncMonth("order__date_placed"))
        .values("month")
        .annotate(orders=Count("order", distinct=True), revenue=Sum("kept_revenue"))
        .order_by("-month")[:months]
    )
    return [
        (row["month"].strftime("%m/%Y"), row["orders"], int(row["revenue"] or 0))
        for row in reversed(list(rows))
    ]


def top_products(lines, *, limit: int = 5) -> list[tuple[str, int, int]]:
    """(title, units, revenue VND) of the best sellers by revenue."""
    rows = (
        lines.values("title")
        .annotate(units=Sum("kept_units"), revenue=Sum("kept_revenue"))
        .filter(units__gt=0)
        .order_by("-revenue", "title")[:limit]
    )
    return [(row["title"], int(row["units"]), int(row["revenue"] or 0)) for row in rows]


def totals(lines) -> dict:
    result = lines.aggregate(
        orders=Count("order", distinct=True),
        units=Sum("kept_units"),
        revenue=Sum("kept_revenue"),
        delivered=Count("order", distinct=True, filter=Q(shipment__status="delivered")),
    )
    return {key: int(value or 0) for key, value in result.items()}
