from django.urls import path

from bench.floor import floor
from shop.urls import urlpatterns as shop_urlpatterns

urlpatterns = [path("bench/floor/", floor, name="bench-floor"), *shop_urlpatterns]
