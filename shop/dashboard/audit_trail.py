"""The audit trail for platform staff (/dashboard/audit/): every recorded change and
refused attempt, newest first, filterable by kind."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from catalog import audit, permissions
from shop.dashboard.access import require


@require(permissions.can_view_audit_trail, gettext_lazy("The audit trail is for platform staff."))
def audit_trail(request):
    kind = request.GET.get("kind") or None
    refused = request.GET.get("refused") == "1"
    page = Paginator(audit.trail(kind=kind, refused_only=refused), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "shop/dashboard/audit.html",
        {
            "page": page,
            "kind": kind,
            "refused": refused,
            "kinds": list(audit.TRACKED),
            "denied": audit.DENIED,
        },
    )
