from django.contrib import messages
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.apps.dashboard.catalogue import views


class ProductDeleteView(views.ProductDeleteView):
    """Oscar's delete, refusing a product whose OCOP certificates protect it.

    A certificate's history is public record (verify page, API), so a certified product
    is hidden, never deleted; the database's PROTECT would otherwise be an error page."""

    def delete(self, request, *args, **kwargs):
        try:
            return super().delete(request, *args, **kwargs)
        except ProtectedError:
            messages.error(
                request,
                _(
                    "This product holds OCOP certificates, whose history must be kept: "
                    "it cannot be deleted. Make it not public to take it off sale."
                ),
            )
            return HttpResponseRedirect(
                reverse("dashboard:catalogue-product", kwargs={"pk": self.object.pk})
            )
