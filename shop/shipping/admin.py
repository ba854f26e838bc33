from django.contrib import admin
from oscar.apps.shipping.admin import *  # noqa: F403  (Oscar's admin, unchanged)

from shop.shipping.models import ProducerShipping, ProvinceRegion, ShippingRate


@admin.register(ShippingRate)
class ShippingRateAdmin(admin.ModelAdmin):
    list_display = [
        "zone",
        "max_weight_grams",
        "charge",
        "charge_per_extra_kg",
        "days_min",
        "days_max",
    ]
    list_editable = ["charge", "charge_per_extra_kg", "days_min", "days_max"]
    list_filter = ["zone"]


@admin.register(ProvinceRegion)
class ProvinceRegionAdmin(admin.ModelAdmin):
    list_display = ["province", "region"]
    list_editable = ["region"]


@admin.register(ProducerShipping)
class ProducerShippingAdmin(admin.ModelAdmin):
    list_display = ["partner", "free_shipping_over"]
