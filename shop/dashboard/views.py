from django.shortcuts import redirect
from oscar.apps.dashboard import views

from catalog import permissions


class IndexView(views.IndexView):
    """Staff see Oscar's shop overview; producers and officers go to their own home page
    (Oscar's partner overview would count orders of the whole shop's order model)."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not permissions.is_platform_staff(user):
            if permissions.can_use_producer_portal(user):
                return redirect("producer-dashboard:index")
            if permissions.can_use_officer_portal(user):
                return redirect("province-dashboard:index")
        return super().dispatch(request, *args, **kwargs)
