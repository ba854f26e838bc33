"""Every page type carries its SEO title, description and Open Graph tags; the sitemap lists
Vietnamese and English pages; the language switcher lands on the translated page; lists
fall back to the Vietnamese page until it is translated; site search finds pages."""

import json
import re

import pytest

from search.backends import search_pages
from tests.factories.cms import make_article, make_point_of_sale, translate

pytestmark = pytest.mark.django_db


def meta(html: str, prop: str) -> str:
    found = re.search(rf'<meta property="{prop}" content="([^"]*)"', html)
    return found[1] if found else ""


def test_open_graph_and_seo_tags(nghe_an, client):
    shop = make_point_of_sale(
        nghe_an, seo_title="Mua OCOP ở Vinh", search_description="Hơn 200 sản phẩm OCOP."
    )
    html = client.get(shop.url).text

    assert "<title>Mua OCOP ở Vinh | Chợ OCOP</title>" in html
    assert '<meta name="description" content="Hơn 200 sản phẩm OCOP.">' in html
    assert meta(html, "og:title") == "Mua OCOP ở Vinh"
    assert meta(html, "og:description") == "Hơn 200 sản phẩm OCOP."
    assert meta(html, "og:url") == "http://localhost/tinh-thanh/nghe-an/trung-tam-ocop-vinh/"
    assert meta(html, "og:locale") == "vi_VN"
    assert f'<link rel="canonical" href="{shop.full_url}">' in html


def test_the_english_copy_and_the_language_switcher(nghe_an, sections, client):
    shop = make_point_of_sale(nghe_an)
    english = translate(shop, title="Vinh OCOP Centre", slug="vinh-ocop-centre")
    assert english.url.startswith("/en/")

    html = client.get(shop.url).text
    # The switcher links to the English page itself, and says so to search engines.
    assert f'<a href="{english.url}" hreflang="en" lang="en">EN</a>' in html
    assert f'<link rel="alternate" hreflang="en" href="{english.full_url}">' in html

    english_html = client.get(english.url).text
    assert '<html lang="en"' in english_html
    assert meta(english_html, "og:title") == "Vinh OCOP Centre"
    assert f'<a href="{shop.url}" hreflang="vi" lang="vi">VI</a>' in english_html


def test_untranslated_places_are_listed_in_vietnamese_on_english_pages(nghe_an, sections, client):
    make_point_of_sale(nghe_an)
    other = make_point_of_sale(nghe_an, title="Chợ Vinh", slug="cho-vinh")
    translate(other, title="Vinh market", slug="vinh-market")
    english_map = translate(sections["map"], title="OCOP map", slug="map")

    titles = [place.title for place in client.get(english_map.url).context["places"]]

    assert sorted(titles) == ["Trung tâm OCOP Vinh", "Vinh market"]


def test_the_sitemap_lists_both_languages(nghe_an, sections, client):
    article = make_article(sections["news"])
    english = translate(article, title="News in English", slug="news-in-english")

    xml = client.get("/sitemap.xml").text

    assert f"<loc>{article.full_url}</loc>" in xml
    assert f"<loc>{english.full_url}</loc>" in xml
    assert f"<loc>{nghe_an.full_url}</loc>" in xml


def test_site_search_finds_pages_by_their_blocks_text(
    sections, nghe_an, client, django_capture_on_commit_callbacks
):
    body = [
        {"type": "paragraph", "value": "<p>Lễ hội Xăng Khan của người Thái</p>"},
        {"type": "quote", "value": {"text": "Mời về bản Nưa", "attribution": "Già làng"}},
    ]
    with django_capture_on_commit_callbacks(execute=True):
        make_article(sections["news"], body=json.dumps(body), intro="Mùa du lịch")
        make_point_of_sale(nghe_an, intro="Quầy thử trà dược liệu")

    assert [page["title"] for page in search_pages("xang khan", language="vi")] == [
        "Nghệ An có 113 sản phẩm OCOP"
    ]
    assert search_pages("ban nua gia lang", language="vi")[0]["url"].startswith("/tin-tuc/")
    assert [page["title"] for page in search_pages("thu tra duoc lieu", language="vi")] == [
        "Trung tâm OCOP Vinh"
    ]
    results = client.get("/search/", {"q": "xang khan"}).text
    assert "Nghệ An có 113 sản phẩm OCOP" in results
