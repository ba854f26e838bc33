"""Downloads of a province's lists (products, producers, certificates, points of sale, fairs)
as CSV or JSON: the same rows and fields as the API's lists, all at once, no pages.

Each row comes from the list's own view (its selector, its filter, its serializer), so an
export can never show more than the API does."""

import csv
import io

from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog.models import Province
from shop.api import views

LISTS = {
    "products": views.ProductViewSet,
    "producers": views.ProducerViewSet,
    "certificates": views.CertificateViewSet,
    "points-of-sale": views.PointOfSaleViewSet,
    "fairs": views.FairViewSet,
}
FORMATS = ("csv", "json")
# How the province office's statistics page names each download.
LIST_LABELS = [
    ("products", _("Listed products")),
    ("producers", _("Producers")),
    ("certificates", _("OCOP certificates")),
    ("points-of-sale", _("Points of sale")),
    ("fairs", _("Fairs")),
]


def flatten(row: dict, prefix: str = "") -> dict:
    """One CSV row from a nested answer: {"province": {"name": …}} → {"province.name": …};
    lists of values joined with " | " (images), lists of objects as their names or slugs."""
    flat = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        elif isinstance(value, list):
            parts = [
                (item.get("slug") or item.get("heading") or item.get("weekday"))
                if isinstance(item, dict)
                else item
                for item in value
            ]
            flat[name] = " | ".join(str(part) for part in parts if part is not None)
        else:
            flat[name] = "" if value is None else value
    return flat


def csv_text(rows: list[dict]) -> str:
    flat = [flatten(row) for row in rows]
    header = list(dict.fromkeys(key for row in flat for key in row))
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 (Vietnamese) only with the BOM
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    writer.writerows(flat)
    return out.getvalue()


def province_rows(request, *, province: Province, name: str) -> list[dict]:
    """The rows of one list for one province, through that list's view."""
    view = LISTS[name](request=request, format_kwarg=None, action="list", kwargs={})
    found = view.filterset_class(
        {"province": province.codename}, queryset=view.get_queryset(), request=request
    )
    if not found.is_valid():  # the province was found, so its code name is a valid filter
        raise Http404
    return view.get_serializer(found.qs, many=True).data


class ProvinceExportView(views.ReaderLanguage, APIView):
    """/api/v1/exports/<province>/<list>.<csv|json>: a province's whole list as a file."""

    renderer_classes = [JSONRenderer]

    @extend_schema(
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="The list as CSV"),
            (200, "application/json"): OpenApiResponse(
                OpenApiTypes.ANY, description="The list as JSON: the list's rows, unpaged"
            ),
        }
    )
    def get(self, request, codename: str, name: str, fmt: str):
        province = Province.objects.filter(codename=codename).first()
        if province is None or name not in LISTS or fmt not in FORMATS:
            raise Http404
        rows = province_rows(request, province=province, name=name)
        filename = f"ocop-{name}-{province.codename}.{fmt}"
        if fmt == "json":
            response = Response(rows)
        else:
            response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
