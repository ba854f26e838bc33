from oscar.apps.dashboard.orders import apps

from shop.dashboard.staff_only import staff_dashboard_app


@staff_dashboard_app
class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    """Oscar's order screens, for platform staff only.

    Oscar 4.2 shows a partner user every order holding one of its lines, and on it the
    whole order (other producers' lines, the shopper's address) and the order-wide
    actions: change the order's status, add payment events. Payment states change only in
    shop/payments; producers move their own shipments at /dashboard/shop/shipments/."""

    name = "shop.dashboard.orders"
