"""Who sees our entries in Oscar's dashboard menu (imported by the settings, so it
imports no models). The views check again: a menu is not a permission."""


def staff(user, url_name, url_args=None, url_kwargs=None) -> bool:
    return user.is_staff


def staff_or_producer(user, url_name, url_args=None, url_kwargs=None) -> bool:
    return user.is_staff or user.has_perm("partner.dashboard_access")
