"""How dashboard views ask catalog.permissions: a decorator for a page's gate, and
`checked()` for an object by id, which refuses (403, with a message that says why) and
writes the attempt to the audit trail when the object belongs to someone else."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from catalog import audit


def require(check, message=None):
    """A view decorator: anonymous users go to the login page; signed-in users for whom
    `check(user)` is false get a 403 page saying `message`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied(message or _("This page is not part of your account."))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def checked(request, queryset, *, pk, check, action: str, message: str):
    """The object `pk` of `queryset`, if `check(user, obj)` allows it. A missing id is a
    404; someone else's object is refused with `message`, and the attempt is recorded."""
    obj = get_object_or_404(queryset, pk=pk)
    if not check(request.user, obj):
        refuse(request, obj=obj, action=action, message=message)
    return obj


def refuse(request, *, obj, action: str, message: str):
    """403 with `message`; the attempt is written to the audit trail (audit.Refused)."""
    raise audit.Refused(message, obj=obj, action=action)
