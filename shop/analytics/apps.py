import oscar.apps.analytics.apps as apps


class AnalyticsConfig(apps.AnalyticsConfig):
    """Oscar's analytics, counted by our receivers instead of Oscar's (see receivers.py)."""

    name = "shop.analytics"

    def ready(self):
        # Not super().ready(): that would connect Oscar's receivers as well.
        from . import receivers  # noqa: F401
