"""The site around the catalogue: the Wagtail home page as the default site's root, the
Django site's domain, the shipping country, and a demo administrator."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site as DjangoSite
from django.core.management.base import CommandError
from django.db.models import Q
from oscar.core.loading import get_model
from wagtail.models import Locale, Page, Site

from catalog.demo import upsert
from cms.models import HomePage

Country = get_model("address", "Country")


def _placeholders(root, slug: str, locale):
    """Wagtail's own "Welcome to your new Wagtail site!" page holds the home page's slug
    and the default site. Only such placeholders (plain pages with nothing beneath, holding
    that slug or the default site) are cleared away; any other page in the way stops the load.
    """
    children = root.get_children().filter(locale=locale)
    default_root = Site.objects.filter(is_default_site=True).values("root_page")
    placeholders = (
        children.exact_type(Page).filter(numchild=0).filter(Q(slug=slug) | Q(pk__in=default_root))
    )
    in_the_way = children.filter(slug=slug).not_type(HomePage).exclude(pk__in=placeholders)
    if in_the_way.exists():
        raise CommandError(f"A page with slug {slug!r} under the root is not a placeholder.")
    return list(placeholders)


def load_home_page(data: dict) -> tuple[HomePage, bool]:
    """The published HomePage at the root of the default site; True when it was (re)published."""
    spec = data["home_page"]
    content = {key: spec[key] for key in ("title", "hero_title", "hero_text", "body")}
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).filter(slug=spec["slug"], locale=locale).first()
    placeholders = _placeholders(root, spec["slug"], locale)
    # Page slugs are unique among siblings: park the placeholder's slug until it is gone.
    Page.objects.filter(pk__in=[p.pk for p in placeholders], slug=spec["slug"]).update(
        slug=f"{spec['slug']}-placeholder"
    )

    published = False
    if home is None:
        home = root.add_child(instance=HomePage(slug=spec["slug"], locale=locale, **content))
        published = True
    else:
        changed = [field for field, value in content.items() if getattr(home, field) != value]
        for field in changed:
            setattr(home, field, content[field])
        published = bool(changed) or not home.live or home.live_revision_id is None
    if published:
        home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    site_values = {
        "hostname": "localhost",
        "port": 80,
        "root_page": home,
        "site_name": data["site"]["name"],
    }
    if site is None:
        Site.objects.create(is_default_site=True, **site_values)
    else:
        upsert(Site, {"pk": site.pk}, site_values)
    # Only now, and only unused ones: a Site is deleted with its root page.
    for page in placeholders:
        if not Site.objects.filter(root_page=page).exists():
            page.delete()
    return home, published


def load_django_site(data: dict) -> DjangoSite:
    site = upsert(
        DjangoSite,
        {"pk": settings.SITE_ID},
        {"domain": data["site"]["domain"], "name": data["site"]["name"]},
    )
    DjangoSite.objects.clear_cache()
    return site


def load_country(data: dict):
    """Việt Nam as Oscar's shipping country: checkout offers no address form without one."""
    spec = dict(data["country"])
    code = spec.pop("iso_3166_1_a2")
    return upsert(Country, {"iso_3166_1_a2": code}, spec)


def ensure_admin(data: dict) -> bool:
    """The demo superuser, created only if missing (an existing password is left alone).
    True when it was created."""
    spec = data["admin"]
    User = get_user_model()
    if User._default_manager.filter(username=spec["username"]).exists():
        return False
    User._default_manager.create_superuser(spec["username"], spec["email"], spec["password"])
    return True
