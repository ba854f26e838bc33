"""Turns one of Oscar's dashboard apps into platform staff's only (imported by app configs,
so it imports no models at module level)."""

from django.utils.translation import gettext_lazy as _


def staff_dashboard_app(config_class):
    """Every URL the app serves asks catalog.permissions.can_use_catalogue_dashboard; its
    menu entries (which Oscar draws from the apps' permission lists) say is_staff, the same
    rule in Oscar's terms."""

    def get_url_decorator(self, pattern):
        from catalog import permissions
        from shop.dashboard.access import require

        return require(
            permissions.can_use_catalogue_dashboard,
            _("Only platform staff use these screens: producers use the producer pages."),
        )

    def get_permissions(self, url):
        return ["is_staff"]

    config_class.get_url_decorator = get_url_decorator
    config_class.get_permissions = get_permissions
    return config_class
