"""Stored XSS: whatever staff or a producer types into a rich-text or free-text field, through
the real dashboard and CMS forms or the services, the public pages that show it carry no
executable markup, and neither do rows written around the save path."""

import json
import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from catalog.models import Certificate, Producer
from catalog.services.batches import batch_create
from catalog.services.certificates import certificate_revoke
from catalog.services.producers import producer_story_update, producer_update
from catalog.services.products import product_update
from catalog.translation import english
from cms.models import HomePage
from tests.factories import certify

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

# The usual payloads, and a few that fool naive filters (mutation XSS, entities, data: URLs).
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">link</a>',
    '<a href=" JaVa&#x09;ScRiPt:alert(1)">entity link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
    "<svg onload=alert(1)><circle r=5 /></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    "<style>@import 'https://evil.example/x.css';"
    " body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">styled</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table>"
    "</mtext></math>",
    '<details open ontoggle="alert(1)">d</details>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="javascript:alert(1)">'
    '<button formaction="javascript:alert(1)">go</button></form>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
]
KEPT = "<p>Mật ong <b>rừng</b> Con Cuông</p>"
PAYLOAD = KEPT + "".join(PAYLOADS)
# CharFields hold at most 255 characters: the shortest payloads that would run if printed raw.
SHORT = '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>'

FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math"}
URL_PATTERN = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)


def executable_markup(page, baseline) -> list[str]:
    """Everything on `page` that could run script and that `baseline` (the same page before
    the input was typed) did not already have: our own static scripts and handlers."""
    extra = Counter(_executable(page.html)) - Counter(_executable(baseline.html))
    return sorted(extra.elements())


def _executable(html) -> list[str]:
    found = [f"<script src={s.get('src')!r}>{s.get_text().strip()}" for s in html("script")]
    found += [f"<style>{style.get_text().strip()}" for style in html("style")]
    for tag in html.find_all(True):
        if tag.name in FORBIDDEN_TAGS:
            found.append(f"<{tag.name}>")
        if tag.name == "meta" and tag.get("http-equiv"):
            found.append(f"<meta http-equiv={tag['http-equiv']}>")
        for name, value in tag.attrs.items():
            values = value if isinstance(value, list) else [value]
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}={value!r}>")
            if any(URL_PATTERN.match(re.sub(r"[\x00-\x20]", "", v)) for v in values):
                found.append(f"<{tag.name} {name}={value!r}>")
            if name == "style" and re.search(r"url\(|expression\(", str(value), re.I):
                found.append(f"<{tag.name} style={value!r}>")
    return found


def assert_harmless(page, baseline):
    assert page.status_code == 200
    assert executable_markup(page, baseline) == []


def assert_stored_clean(value):
    for marker in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "ontoggle",
        "javascript:",
        "<iframe",
        "<object",
        "<embed",
        "<svg",
        "<math",
        "<style",
        "style=",
        "data:",
    ):
        assert marker not in value.lower(), marker


@pytest.fixture
def product(make_product):
    return make_product(title="Mật ong rừng Con Cuông")


def test_dashboard_product_description_and_title(django_app, staff, product):
    # Baselines in the session that types the input: a signed-in header has its own icons.
    baseline = django_app.get(product.get_absolute_url(), user=staff)
    baseline_listing = django_app.get("/catalogue/", user=staff)
    form = django_app.get(
        reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}), user=staff
    ).forms["create_update_product_form"]
    form["description"] = PAYLOAD
    form["title"] = "Mật ong " + SHORT

    assert form.submit().status_code == 302

    product.refresh_from_db()
    assert_stored_clean(product.description)
    page = django_app.get(product.get_absolute_url()).maybe_follow()
    assert_harmless(page, baseline)
    description = page.html.select_one(".product-detail__description")
    assert "<b>rừng</b>" in str(description)  # formatting is kept
    assert "<script>alert(1)</script>" in page.html.select_one("h1").text  # shown as text
    listing = django_app.get("/catalogue/")
    assert_harmless(listing, baseline_listing)
    assert "<script>alert(1)</script>" in listing.html.select_one(".product-card__title").text


def test_dashboard_category_description(django_app, staff, honey_group, product):
    baseline = django_app.get(honey_group.get_absolute_url(), user=staff)
    form = django_app.get(
        reverse("dashboard:catalogue-category-update", kwargs={"pk": honey_group.pk}), user=staff
    ).forms["create_update_category_form"]
    form["description"] = PAYLOAD

    assert form.submit().status_code == 302

    honey_group.refresh_from_db()
    assert_stored_clean(honey_group.description)
    page = django_app.get(honey_group.get_absolute_url())
    assert_harmless(page, baseline)
    assert "<b>rừng</b>" in str(page.html.select_one(".category-intro"))


def test_producer_story_and_certificate_and_batch_free_text(django_app, producer, product):
    batch = batch_create(
        product=product,
        lot_code="MO-2026",
        produced_on=product.date_created.date(),
        quantity=100,
        origin_area="Con Cuông",
    )
    baseline_product = django_app.get(product.get_absolute_url())
    baseline_trace = django_app.get(f"/trace/{batch.trace_code}/")

    producer_update(
        producer=producer,
        trademark=SHORT[:120],
        street_address=SHORT,
        origin_as_published=SHORT,
        ethnic_group=SHORT[:60],
        ethnic_minority_led=True,
        **{name: PAYLOAD for name in Producer.STORY_FIELDS},
    )
    certificate = certify(product, stars=5, issuing_body="Bộ NN&PTNT " + SHORT)
    batch_create(
        product=product,
        lot_code="L2",
        produced_on=product.date_created.date(),
        quantity=1,
        origin_area=SHORT,
        inputs=SHORT,
        standards=SHORT,
        steps=[{"what": SHORT, "where": SHORT, "happened_on": product.date_created.date()}],
    )

    producer.refresh_from_db()
    for name in Producer.STORY_FIELDS:
        assert_stored_clean(getattr(producer, name))
    assert_harmless(django_app.get(product.get_absolute_url()), baseline_product)
    assert_harmless(django_app.get(f"/trace/{batch.trace_code}/"), baseline_trace)
    story = django_app.get(product.get_absolute_url()).html.select_one(".producer-story")
    assert "<b>rừng</b>" in str(story)

    certificate_revoke(certificate=certificate, reason="Vi phạm " + SHORT)
    assert Certificate.objects.get(pk=certificate.pk).status == Certificate.Status.REVOKED
    page = django_app.get(product.get_absolute_url())
    assert "Vi phạm" in page.html.select_one(".certificate-history").text
    assert_harmless(page, baseline_product)
    assert_harmless(django_app.get(f"/trace/{batch.trace_code}/"), baseline_trace)


def _english(url_of):
    with translation.override("en"):
        return url_of()


def test_english_content_passes_the_same_sanitiser(django_app, producer, product, honey_group):
    # Each translated column (description_en, story_*_en) is a field of its own: the same
    # payloads, through the services the portal forms call.
    url = _english(product.get_absolute_url)
    baseline = django_app.get(url)

    product_update(
        product=product,
        by=None,
        product_group=honey_group,
        title_en="Honey " + SHORT,
        description_en=PAYLOAD,
    )
    producer_story_update(
        producer=producer, by=None, **{english(name): PAYLOAD for name in Producer.STORY_FIELDS}
    )
    certify(product, stars=5, issuing_body_en="Council " + SHORT)

    product.refresh_from_db()
    producer.refresh_from_db()
    assert_stored_clean(product.description_en)
    for name in Producer.STORY_FIELDS:
        assert_stored_clean(getattr(producer, english(name)))
    page = django_app.get(url)
    assert_harmless(page, baseline)
    assert "<b>rừng</b>" in str(page.html.select_one(".product-detail__description"))
    assert "<b>rừng</b>" in str(page.html.select_one(".producer-story"))
    assert "<script>alert(1)</script>" in page.html.select_one("h1").text  # shown as text


def test_old_english_rows_written_around_the_save_path_are_harmless(django_app, producer, product):
    url = _english(product.get_absolute_url)
    baseline = django_app.get(url)

    Product.objects.filter(pk=product.pk).update(description_en=PAYLOAD)
    Producer.objects.filter(pk=producer.pk).update(
        **{english(name): PAYLOAD for name in Producer.STORY_FIELDS}
    )

    page = django_app.get(url)
    assert executable_markup(page, baseline) == []
    assert "<b>rừng</b>" in str(page.html.select_one(".product-detail__description"))
    assert "<b>rừng</b>" in str(page.html.select_one(".producer-story"))


def _contentstate(text: str, url: str) -> str:
    """What Wagtail's Draftail editor posts: a paragraph with a link over its last word."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [{"offset": 0, "length": 3, "style": "BOLD"}],
                    "entityRanges": [{"offset": len(text) - 4, "length": 4, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
        }
    )


def test_cms_rich_text_through_the_wagtail_editor(django_app, editor, home_page):
    baseline = django_app.get("/", user=editor)
    form = django_app.get(
        reverse("wagtailadmin_pages:edit", args=[home_page.pk]), user=editor
    ).forms["page-edit-form"]
    form["body"] = _contentstate("Mật <script>alert(1)</script> link", "javascript:alert(1)")
    form["hero_text"] = SHORT

    assert form.submit("action-publish").status_code == 302

    body = HomePage.objects.get(pk=home_page.pk).body
    assert_stored_clean(body)
    page = django_app.get("/")
    assert_harmless(page, baseline)
    assert "<b>Mật</b>" in str(page.html.select_one(".home-body"))


def test_cms_rich_text_saved_by_code(django_app, home_page):
    baseline = django_app.get("/")
    home_page.body = PAYLOAD
    home_page.save_revision().publish()

    assert_stored_clean(HomePage.objects.get(pk=home_page.pk).body)
    page = django_app.get("/")
    assert_harmless(page, baseline)
    assert "<b>rừng</b>" in str(page.html.select_one(".home-body"))


def test_old_rows_written_around_the_save_path_are_harmless_when_shown(
    django_app, producer, product, honey_group, home_page
):
    pages = {
        "product": product.get_absolute_url(),
        "category": honey_group.get_absolute_url(),
        "home": "/",
    }
    baselines = {name: django_app.get(url) for name, url in pages.items()}

    # A bulk update, a fixture or a data migration: no save(), no sanitiser.
    Product.objects.filter(pk=product.pk).update(description=PAYLOAD)
    Category.objects.filter(pk=honey_group.pk).update(description=PAYLOAD)
    Producer.objects.filter(pk=producer.pk).update(
        **{name: PAYLOAD for name in Producer.STORY_FIELDS}
    )
    HomePage.objects.filter(pk=home_page.pk).update(body=PAYLOAD)

    shown = {name: django_app.get(url) for name, url in pages.items()}

    assert {name: executable_markup(page, baselines[name]) for name, page in shown.items()} == {
        name: [] for name in pages
    }
    assert all("<b>rừng</b>" in page.text for page in shown.values())


def test_a_script_in_a_product_title_is_text_in_the_basket_messages(django_app, make_product):
    # The basket's flash messages are marked safe (shop/basket/utils.py): Oscar's message
    # templates must have escaped the title they print.
    product = make_product(title="<script>alert(1)</script>Mật ong")
    form = django_app.get(product.get_absolute_url()).forms["add_to_basket_form"]

    added = form.submit()
    assert added.status_code == 302
    page = added.follow()
    message = page.html.select_one(".alert-success")
    assert "<script>alert(1)</script>Mật ong" in message.text  # the title, shown as text
    basket = django_app.get("/basket/")
    for shown in (page, basket):
        assert "<script>alert(1)</script>" not in shown.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;Mật ong" in shown.text
