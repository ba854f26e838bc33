"""Who sees our entries in Oscar's dashboard menu. Imported by the settings, so it imports
no models at module level; each function asks catalog.permissions. The views check again:
a menu is not a permission."""


def producer(user, url_name, url_args=None, url_kwargs=None) -> bool:
    from catalog import permissions

    return permissions.can_use_producer_portal(user)


def officer(user, url_name, url_args=None, url_kwargs=None) -> bool:
    from catalog import permissions

    return permissions.can_use_officer_portal(user)


def fulfilment(user, url_name, url_args=None, url_kwargs=None) -> bool:
    from catalog import permissions

    return permissions.can_view_shipments(user)


def staff(user, url_name, url_args=None, url_kwargs=None) -> bool:
    from catalog import permissions

    return permissions.is_platform_staff(user)
