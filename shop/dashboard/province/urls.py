from django.urls import path

from shop.dashboard.province import views

app_name = "province-dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("producers/", views.producer_list, name="producers"),
    path("producers/<int:pk>/", views.producer_review_view, name="producer"),
    path("certificates/", views.certificate_list, name="certificates"),
    path("certificates/expiring.csv", views.certificate_export, name="certificates-export"),
    path("certificates/<int:pk>/", views.certificate_review, name="certificate"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics.csv", views.statistics_export, name="statistics-export"),
]
