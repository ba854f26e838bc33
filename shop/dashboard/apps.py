from oscar.apps.dashboard import apps


class DashboardConfig(apps.DashboardConfig):
    """Oscar's dashboard root: its index also lets province officers in (it sends them,
    and producers, to their own pages)."""

    name = "shop.dashboard"

    def configure_permissions(self):
        super().configure_permissions()
        # Staff, producer members (Oscar's two), and officers (catalog.permissions roles).
        self.permissions_map["index"] = (
            *self.permissions_map["index"],
            ["catalog.verify_certificate"],
        )
