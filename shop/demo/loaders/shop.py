"""The shop around the apps: the demo administrator (first, as every later loader signs with
it), the Django site at the shop's address, and Việt Nam as the shipping country."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site as DjangoSite
from oscar.core.loading import get_model

from shop.demo.base import Demo, read_data, upsert

Country = get_model("address", "Country")

DATA_FILE = Path(__file__).with_name("shop.json")


def demo_data() -> dict:
    return read_data(DATA_FILE)


def ensure_admin(spec: dict) -> bool:
    """The demo superuser, created only if missing (an existing password is left alone).
    True when it was created."""
    User = get_user_model()
    if User._default_manager.filter(username=spec["username"]).exists():
        return False
    User._default_manager.create_superuser(spec["username"], spec["email"], spec["password"])
    return True


def load_django_site(demo: Demo) -> DjangoSite:
    """The Django site (Oscar's emails and absolute links) at the address the shop is served."""
    site = upsert(
        DjangoSite,
        {"pk": settings.SITE_ID},
        {"domain": demo.site.domain, "name": settings.OSCAR_SHOP_NAME},
    )
    DjangoSite.objects.clear_cache()
    return site


def load_country(spec: dict):
    """Việt Nam as Oscar's shipping country: checkout offers no address form without one."""
    spec = dict(spec)
    code = spec.pop("iso_3166_1_a2")
    return upsert(Country, {"iso_3166_1_a2": code}, spec)


def load(demo: Demo) -> None:
    data = demo_data()
    spec = data["admin"]
    if ensure_admin(spec):
        demo.say(f"Admin: created {spec['username']} / {spec['password']} ({spec['email']})")
    else:
        demo.say(
            f"Admin: {spec['username']} already exists (password left as it was; "
            f"demo password is {spec['password']})"
        )
    demo.admin = get_user_model()._default_manager.get(username=spec["username"])
    site = load_django_site(demo)
    demo.say(f"Site: {site.name} at {site.domain}")
    country = load_country(data["country"])
    demo.say(f"Shipping country: {country.printable_name} ({country.pk})")
