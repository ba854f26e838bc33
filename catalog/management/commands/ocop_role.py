"""Give or take a role (catalog.permissions) from the command line, for platform staff:

    manage.py ocop_role officer canbo@tinh.gov.vn 40          # officer of province 40
    manage.py ocop_role member nsx@htx.vn minh-thanh           # member of a producer (partner code)
    manage.py ocop_role officer canbo@tinh.gov.vn --remove
    manage.py ocop_role member nsx@htx.vn minh-thanh --remove

The account must exist (it signs up like any shopper). Producers who apply through the
sign-up page become members of their producer by themselves."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from catalog.models import Producer, Province
from catalog.services.roles import (
    officer_appoint,
    officer_dismiss,
    producer_member_add,
    producer_member_remove,
)


class Command(BaseCommand):
    help = "Appoint a province OCOP officer, or add a member to a producer (or --remove)."

    def add_arguments(self, parser):
        parser.add_argument("role", choices=["officer", "member"])
        parser.add_argument("email", help="the account's email")
        parser.add_argument(
            "scope", nargs="?", help="province code (officer) or producer's partner code"
        )
        parser.add_argument("--remove", action="store_true", help="take the role away")

    def handle(self, role, email, scope=None, remove=False, **options):
        user = get_user_model()._default_manager.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account with the email {email}.")
        if role == "officer":
            if remove:
                officer_dismiss(user=user)
                self.stdout.write(f"{email} is no longer a province officer.")
                return
            province = Province.objects.filter(pk=scope).first() if scope else None
            if province is None:
                raise CommandError("Give the province's code (e.g. 40 for Nghệ An).")
            officer_appoint(user=user, province=province)
            self.stdout.write(f"{email} is now the OCOP officer of {province.name}.")
            return
        producer = Producer.objects.filter(partner__code=scope).first() if scope else None
        if producer is None:
            raise CommandError("Give the producer's partner code.")
        if remove:
            producer_member_remove(producer=producer, user=user)
            self.stdout.write(f"{email} no longer acts for {producer.legal_name}.")
        else:
            producer_member_add(producer=producer, user=user)
            self.stdout.write(f"{email} now acts for {producer.legal_name}.")
