"""The CMS side of the demo (pages.json): the Wagtail home page as the root of the default
site (answering at SITE_URL), its sections (provinces, map, fairs, tourism, news), province
pages with their points of sale, fairs, tourism pages and articles, English copies of the main
pages, and each demo province's editors and moderators with their workflow.

Everything is found by slug under its parent (translations by their source page), so a second
load publishes nothing new. Fair dates count from the day the demo is loaded.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db.models import Q
from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from shop.demo.base import Demo, read_data, upsert
from shop.demo.loaders.cms.content import Catalogue, load_tree
from shop.demo.loaders.cms.editors import load_editors
from shop.demo.loaders.cms.tree import apply

DATA_FILE = Path(__file__).with_name("pages.json")
HOME_FIELDS = ("title", "hero_title", "hero_text", "body", "search_description")


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


def load_home_page(spec: dict, demo: Demo, catalogue: Catalogue) -> tuple[HomePage, bool]:
    """The published HomePage at the root of the default site; True when it was (re)published."""
    content = {key: spec[key] for key in HOME_FIELDS}
    relations = {"featured_products": catalogue.product_rows(spec["featured_products"])}
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).filter(slug=spec["slug"], locale=locale).first()
    placeholders = _placeholders(root, spec["slug"], locale)
    # Page slugs are unique among siblings: park the placeholder's slug until it is gone.
    Page.objects.filter(pk__in=[p.pk for p in placeholders], slug=spec["slug"]).update(
        slug=f"{spec['slug']}-placeholder"
    )

    if home is None:
        home = HomePage(slug=spec["slug"], locale=locale)
        apply(home, fields=content, relations=relations, tags=None)
        home = root.add_child(instance=home)
        published = True
    else:
        changed = apply(home, fields=content, relations=relations, tags=None)
        published = changed or not home.live or home.live_revision_id is None
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
    data = demo_data()
    catalogue = Catalogue.from_database()
    home, published = load_home_page(data["home_page"], demo, catalogue)
    state = "published" if published else "unchanged"
    demo.say(f"Home page: “{home.title}” at {home.url_path} ({state})")
    site = Site.objects.get(is_default_site=True)
    demo.say(f"Wagtail site: {site.site_name} at {site.root_url}")
    tree = load_tree(data, home=home, catalogue=catalogue)
    for line in tree.report():
        demo.say(line)
    for line in load_editors(data["editors"], province_pages=tree.province_pages):
        demo.say(line)
