from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from catalog.sitemaps import ProductSitemap
from cms.sitemaps import PageSitemap
from shop.api.feeds import GoogleMerchantFeed
from shop.dashboard.audit_trail import audit_trail
from shop.dashboard.signup import signup
from shop.order.views import OrderLookupView
from shop.personal_data.views import AccountDeleteView

SITEMAPS = {"products": ProductSitemap, "pages": PageSitemap}

# Language-neutral URLs: admin interfaces, files, language switching.
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Open data (shop/api/, docs/API.md): language-neutral, read-only.
    path("api/v1/", include("shop.api.urls")),
    path("feeds/google-merchant.xml", GoogleMerchantFeed(), name="google-merchant-feed"),
]

# Shopper-facing URLs: Vietnamese at "/", English under "/en/".
urlpatterns += i18n_patterns(
    # Wagtail serves the home page; Oscar's own "" redirect would shadow it.
    re_path(r"^$", wagtail_views.serve, {"path": ""}, name="home"),
    path("", include("catalog.urls")),
    path("order-status/", OrderLookupView.as_view(), name="order-lookup"),
    path("dashboard/shop/", include("shop.payments.urls")),
    path("", include("cms.urls")),  # fairs.ics, places.geojson
    path("dashboard/producer/", include("shop.dashboard.producer.urls")),
    path("dashboard/province/", include("shop.dashboard.province.urls")),
    path("dashboard/audit/", audit_trail, name="audit-trail"),
    path("producers/join/", signup, name="producer-signup"),
    # Oscar's "Delete profile" address, answered by ours: orders kept, anonymised.
    path(
        "accounts/profile/delete/",
        login_required(AccountDeleteView.as_view()),
        name="account-delete",
    ),
    path("", include(apps.get_app_config("oscar").urls[0])),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
