from django.urls import path, re_path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("trace/<str:code>/", views.TraceView.as_view(), name="trace"),
    re_path(
        r"^trace/(?P<code>[^/]+)/qr\.(?P<kind>png|svg)$",
        views.TraceQRView.as_view(),
        name="trace-qr",
    ),
    path("trace/<str:code>/labels/", views.TraceLabelsView.as_view(), name="trace-labels"),
    path("verify/", views.VerifyView.as_view(), name="verify"),
]
