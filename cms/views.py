"""Thin views over cms.calendar and cms.map: the query string is read by cms.params."""

from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import View

from catalog.models import Province
from cms.calendar import calendar_file
from cms.map import feature_collection, map_places
from cms.models.fairs import FairPage, fairs
from cms.params import ListingParams

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _province(request):
    codename = ListingParams.from_query(request.GET).province
    return Province.objects.filter(codename=codename).first() if codename else None


class FairsCalendarView(View):
    """/fairs.ics (every fair), /fairs.ics?province=nghe_an (one province's)."""

    def get(self, request):
        province = _province(request)
        if province:
            name = _("OCOP fairs in %(province)s") % {"province": province.short_name}
        else:
            name = _("OCOP fairs")
        body = calendar_file(fairs(province=province), name=name, request=request)
        response = HttpResponse(body, content_type=CALENDAR_TYPE)
        response["Content-Disposition"] = 'inline; filename="ocop-fairs.ics"'
        return response


class FairEventView(View):
    """/fairs/<id>.ics: one live fair, for "add to calendar"."""

    def get(self, request, page_id: int):
        fair = FairPage.objects.live().public().filter(pk=page_id).first()
        if fair is None:
            raise Http404(_("There is no such fair."))
        body = calendar_file([fair], name=fair.title, request=request)
        response = HttpResponse(body, content_type=CALENDAR_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{fair.slug}.ics"'
        return response


class PlacesGeoJSONView(View):
    """/places.geojson?province=nghe_an&kind=point_of_sale: the map's markers."""

    def get(self, request):
        params = ListingParams.from_query(request.GET)
        places = map_places(province=_province(request), kinds=params.kinds)
        return JsonResponse(
            feature_collection(places),
            content_type="application/geo+json",
            json_dumps_params={"ensure_ascii": False},
        )
