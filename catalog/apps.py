from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    """OCOP domain: what may be sold and why it can be trusted (not Oscar's `catalogue`)."""

    name = "catalog"
    label = "catalog"
    verbose_name = _("OCOP catalog")

    def ready(self):
        from catalog import audit, receivers

        receivers.connect()
        audit.register()
