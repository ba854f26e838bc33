"""Files the CMS pages link to: iCalendar feeds and the map's GeoJSON (Wagtail's page URLs
cannot end in ".ics")."""

from django.urls import path

from cms import views

app_name = "cms"

urlpatterns = [
    path("fairs.ics", views.FairsCalendarView.as_view(), name="fairs-ics"),
    path("fairs/<int:page_id>.ics", views.FairEventView.as_view(), name="fair-ics"),
    path("places.geojson", views.PlacesGeoJSONView.as_view(), name="places-geojson"),
]
