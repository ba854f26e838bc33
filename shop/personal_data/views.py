"""The account page's "Delete profile": Oscar's form (the password again), our service."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from oscar.apps.customer.views import ProfileDeleteView

from shop.personal_data.services import account_delete


class AccountDeleteView(ProfileDeleteView):
    def form_valid(self, form):
        user = self.request.user
        logout(self.request)
        account_delete(user=user)
        messages.success(
            self.request,
            _(
                "Your account and its personal data have been deleted. Your orders are kept "
                "for accounting, without your name, phone number or addresses."
            ),
        )
        return redirect(self.get_success_url())
