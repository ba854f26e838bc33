"""No template marks unsanitised input safe: ours never do, and every Oscar template a
shopper can reach that does is either overridden by the theme or reviewed here, by name.
A new `|safe` (ours, or Oscar's after an upgrade) fails this test until someone looks."""

import re
from pathlib import Path

import oscar
from django.conf import settings

UNSAFE_IN_TEMPLATE = re.compile(
    r"\|\s*safe(seq)?\b|{%\s*autoescape\s+off|{%\s*filter[^%]*\bsafe\b|\|\s*richtext\b"
)
UNSAFE_IN_CODE = re.compile(r"\bmark_safe\(|\bSafeString\(|extra_tags=[^)]*\bsafe\b")
WAGTAIL_RICH_TEXT = re.compile(r"(?<!Sanitised)RichText(Field|Block)\(")

OUR_CODE = ("catalog", "cms", "search", "shop")
THEME_TEMPLATES = settings.THEME_DIR / "templates"
OSCAR_TEMPLATES = Path(oscar.__file__).parent / "templates"

# The only modules that mark HTML safe: each right after the one sanitiser ran.
SANITISING_MODULES = {
    "catalog/templatetags/ocop_html.py",
    "cms/rich_text.py",
    "shop/catalogue/models.py",
    # Oscar's basket messages (its BasketMessageGenerator, forked to reuse the request's
    # offers): rendered from Oscar's autoescaped templates, tagged "safe" as Oscar's own are.
    "shop/basket/utils.py",
}

# Oscar templates a shopper can reach that still say |safe, and why that is harmless.
REVIEWED_OSCAR_TEMPLATES = {
    "oscar/partials/alert_messages.html": "prints only messages tagged 'safe', which Oscar "
    "renders from its own templates with autoescaping on; our code tags none (tested below)",
    "oscar/catalogue/reviews/review_form.html": "the score's label is written in code; "
    "product reviews are switched off",
    "oscar/offer/list.html": "offers are switched off on the storefront",
    "oscar/offer/detail.html": "offers are switched off on the storefront",
    "oscar/offer/range.html": "ranges are switched off on the storefront",
}


def _our_templates():
    for folder in (settings.BASE_DIR / name for name in ("themes",) + OUR_CODE):
        yield from (path for path in folder.rglob("*") if path.suffix in {".html", ".txt"})


def _our_modules():
    for name in OUR_CODE:
        for path in (settings.BASE_DIR / name).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_our_templates_never_mark_anything_safe():
    unsafe = [
        str(path.relative_to(settings.BASE_DIR))
        for path in _our_templates()
        if UNSAFE_IN_TEMPLATE.search(path.read_text())
    ]
    assert unsafe == []


def test_oscar_templates_a_shopper_reaches_are_overridden_or_reviewed():
    unreviewed = []
    for path in OSCAR_TEMPLATES.rglob("*.html"):
        name = str(path.relative_to(OSCAR_TEMPLATES))
        if name.startswith("oscar/dashboard/") or (THEME_TEMPLATES / name).exists():
            continue  # staff only, or the theme's own copy (checked above) is what renders
        if UNSAFE_IN_TEMPLATE.search(path.read_text()) and name not in REVIEWED_OSCAR_TEMPLATES:
            unreviewed.append(name)
    # Plain-text emails (.txt) are not HTML: autoescape off is right there.
    assert unreviewed == []


def test_reviewed_oscar_templates_still_exist_and_are_not_overridden():
    for name in REVIEWED_OSCAR_TEMPLATES:
        assert (OSCAR_TEMPLATES / name).exists(), name
        assert not (THEME_TEMPLATES / name).exists(), name


def test_only_the_sanitising_modules_mark_html_safe():
    marking = {
        str(path.relative_to(settings.BASE_DIR))
        for path in _our_modules()
        if UNSAFE_IN_CODE.search(path.read_text())
    }
    assert marking <= SANITISING_MODULES


def test_cms_rich_text_is_always_the_sanitising_kind():
    using_wagtails_own = [
        str(path.relative_to(settings.BASE_DIR))
        for path in _our_modules()
        if WAGTAIL_RICH_TEXT.search(path.read_text())
    ]
    assert using_wagtails_own == []
