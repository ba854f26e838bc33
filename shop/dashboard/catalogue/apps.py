from oscar.apps.dashboard.catalogue import apps

from shop.dashboard.staff_only import staff_dashboard_app


@staff_dashboard_app
class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Oscar's product, category and stock-alert screens, for platform staff only.

    Oscar 4.2 opens its product screens to partner users, restricted to their products;
    producers here use the producer portal instead, whose writes go through
    catalog.services (row locks, the VND price rules, one stock record per product).
    Oscar's forms let a partner delete a product that holds certificates (an error page:
    certificates protect it) and choose fields the portal keeps to staff (UPC, slug,
    product class, recommendations of any product)."""

    name = "shop.dashboard.catalogue"
