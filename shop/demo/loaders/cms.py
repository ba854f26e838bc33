"""The CMS side of the demo: the Wagtail home page as the root of the default Wagtail site,
which answers at the shop's address (SITE_URL)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db.models import Q
from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from shop.demo.base import Demo, read_data, upsert

DATA_FILE = Path(__file__).with_name("cms.json")


def demo_data() -> dict:
    return read_data(DATA_FILE)


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


def load_home_page(spec: dict, demo: Demo) -> tuple[HomePage, bool]:
    """The published HomePage at the root of the default site; True when it was (re)published."""
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
    # The default site answers every host name anyway; its own name and port are what
    # Wagtail writes into full page URLs (sitemaps, previews, emails).
    site_values = {
        "hostname": demo.site.hostname,
        "port": demo.site.port,
        "root_page": home,
        "site_name": settings.WAGTAIL_SITE_NAME,
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


def load(demo: Demo) -> None:
    home, published = load_home_page(demo_data()["home_page"], demo)
    state = "published" if published else "unchanged"
    demo.say(f"Home page: “{home.title}” at {home.url_path} ({state})")
    site = Site.objects.get(is_default_site=True)
    demo.say(f"Wagtail site: {site.site_name} at {site.root_url}")
