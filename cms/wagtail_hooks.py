from wagtail import hooks

from cms.choosers import producer_chooser_viewset, product_chooser_viewset
from cms.editorial import province_editorial_setup
from cms.models import ProvincePage


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_producer_chooser():
    return producer_chooser_viewset


@hooks.register("after_create_page")
def set_up_province_editors(request, page):
    """A new province page gets its editors, moderators and workflow at once."""
    if isinstance(page.specific, ProvincePage):
        province_editorial_setup(province_page=page.specific)
