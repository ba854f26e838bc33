"""/api/v1/: the public read API. The version is in the path: v1 never changes shape."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from shop.api import exports, views

app_name = "api"

router = DefaultRouter()
router.register("products", views.ProductViewSet, basename="product")
router.register("groups", views.GroupViewSet, basename="group")
router.register("producers", views.ProducerViewSet, basename="producer")
router.register("certificates", views.CertificateViewSet, basename="certificate")
router.register("provinces", views.ProvinceViewSet, basename="province")
router.register("points-of-sale", views.PointOfSaleViewSet, basename="point-of-sale")
router.register("fairs", views.FairViewSet, basename="fair")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "exports/<slug:codename>/<slug:name>.<str:fmt>",
        exports.ProvinceExportView.as_view(),
        name="province-export",
    ),
    path("", include(router.urls)),
]
