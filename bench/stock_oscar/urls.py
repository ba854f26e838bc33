"""Oscar's documented URLconf, plus the same trivial floor view as bench/urls.py."""

from django.apps import apps
from django.contrib import admin
from django.urls import include, path

from bench.floor import floor

urlpatterns = [
    path("bench/floor/", floor, name="bench-floor"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include(apps.get_app_config("oscar").urls[0])),
]
