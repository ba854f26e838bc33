from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Owns `manage.py load_demo`; no models."""

    name = "shop.demo"
    label = "demo"
    verbose_name = _("Demo data")
