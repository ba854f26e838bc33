from django.http import HttpResponse
from django.urls import path

from shop.urls import urlpatterns as shop_urlpatterns


def floor(request):
    """Every middleware, no database, no template: the cheapest answer Django gives."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor, name="bench-floor"), *shop_urlpatterns]
