"""The demo shop, crawled in Vietnamese as a shopper browses it: from the home page, every
internal link it can follow (bounded), with a product in the basket. No page may show the
English words a Vietnamese shopper keeps meeting when a string escapes translation."""

import io
import re
from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from catalog.selectors import listable_products
from tests.checkout import add_to_basket

pytestmark = pytest.mark.django_db

MAX_PAGES = 120
# Where a shopper does not go, or what is not a page.
SKIP = re.compile(
    r"^/(en/|dashboard|cms|django-admin|static|media|accounts/logout|i18n|set_language)"
    r"|\.(ics|csv|png|svg|jpg|json|xml|pdf|txt)$"
)
ENGLISH = re.compile(
    r"\b(Basket|Checkout|Submit|Continue|Proceed|Add to basket|Sign in|Log in|Your basket"
    r"|In stock|Out of stock|Search|Page \d+ of|Order total|Shipping)\b"
)
ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "value")


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", "--no-images", stdout=io.StringIO())


def words_on(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template", "noscript"]):
        hidden.decompose()
    seen = [soup.get_text(" ")]
    for element in soup.find_all(True):
        if element.name == "input" and element.get("type") == "hidden":
            continue
        seen += [str(element.get(name)) for name in ATTRIBUTES if element.get(name)]
    return " ".join(seen)


def test_no_english_on_the_demo_shop_in_vietnamese(django_app, demo):
    add_to_basket(django_app, listable_products().first())
    queue, visited, leaks = deque(["/"]), set(), {}
    while queue and len(visited) < MAX_PAGES:
        path = queue.popleft()
        if path in visited:
            continue
        visited.add(path)
        response = django_app.get(path, status="*")
        if response.status_code in (301, 302):
            location = urlparse(response.location).path
            if location not in visited:
                queue.appendleft(location)
            continue
        if response.status_code != 200 or "html" not in response.content_type:
            continue
        found = sorted(set(ENGLISH.findall(words_on(response.text))))
        if found:
            leaks[path] = found
        for link in response.html.find_all("a", href=True):
            url, _ = urldefrag(link["href"])
            parsed = urlparse(url)
            if parsed.netloc and parsed.netloc not in ("localhost", "testserver"):
                continue
            target = parsed.path + (f"?{parsed.query}" if parsed.query else "")
            if target.startswith("/") and not SKIP.search(parsed.path) and target not in visited:
                queue.append(target)

    assert len(visited) >= 40, visited  # the crawl reached the shop, not one page
    assert not leaks, leaks
