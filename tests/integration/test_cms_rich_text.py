"""CMS rich text keeps what Wagtail's editor makes (links to pages and documents, pictures,
headings, lists) and loses anything that runs, in fields and in StreamField blocks, stored
or rendered."""

import re

import pytest
from django.template import Context, Template
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from cms.blocks import SanitisedRichTextBlock
from cms.models import HomePage
from cms.rich_text import render, sanitise_source

pytestmark = pytest.mark.django_db

ATTACK = (
    '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">j</a>'
    '<embed embedtype="media" url="https://www.youtube.com/watch?v=x"/><embed src="evil.swf">'
    '<iframe src="https://evil.example"></iframe><a linktype="page" id="1" onclick="x">p</a>'
)


@pytest.fixture
def picture():
    return get_image_model().objects.create(title="Bản Khe Rạn", file=get_test_image_file())


def editor_html(page, picture) -> str:
    """What Wagtail's editor stores for a heading, a page link and a picture."""
    return (
        "<h2>Bản Khe Rạn</h2>"
        f'<p>Đọc <a linktype="page" id="{page.pk}">trang chủ</a> và <b>đặt</b> phòng.</p>'
        f'<embed alt="Nhà sàn" embedtype="image" format="left" id="{picture.pk}"/>'
    )


def assert_nothing_runs(html: str):
    lowered = html.lower()
    for marker in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<embed", "evil"):
        assert marker not in lowered, marker


def assert_source_clean(source: str):
    """A stored source may keep Wagtail's picture references, and nothing else that runs."""
    embeds = re.findall(r"<embed\b[^>]*>", source)
    assert all('embedtype="image"' in embed for embed in embeds), embeds
    for embed in embeds:
        source = source.replace(embed, "")
    assert_nothing_runs(source)


def test_what_the_editor_stores_survives_sanitising_unchanged(home_page, picture):
    source = editor_html(home_page, picture)
    assert sanitise_source(source) == source


def test_rendering_expands_links_and_pictures_and_drops_what_runs(home_page, picture):
    html = render(editor_html(home_page, picture) + ATTACK)

    assert_nothing_runs(html)
    assert f'<a href="{home_page.url}">trang chủ</a>' in html
    assert '<img alt="Nhà sàn" class="richtext-image left"' in html
    assert 'src="/media/images/' in html


def test_page_field_is_sanitised_on_save_and_clean(home_page, picture):
    home_page.body = editor_html(home_page, picture) + ATTACK
    home_page.full_clean()
    assert_source_clean(home_page.body)

    HomePage.objects.filter(pk=home_page.pk).update(body=ATTACK)  # an old row
    page = HomePage.objects.get(pk=home_page.pk)
    page.title = "Chợ OCOP mới"
    page.save()
    stored = HomePage.objects.get(pk=home_page.pk).body
    assert_source_clean(stored)
    assert '<a linktype="page" id="1">p</a>' in stored


def test_stream_block_is_sanitised_on_clean_and_save_and_renders_safely(home_page, picture):
    block = SanitisedRichTextBlock()
    source = editor_html(home_page, picture) + ATTACK

    cleaned = block.clean(block.to_python(source))
    assert_source_clean(cleaned.source)
    assert_source_clean(block.get_prep_value(RichText(source)))

    stored = block.to_python(source)  # a stream saved before sanitising, or around it
    for rendered in (
        str(stored),
        stored.__html__(),
        block.render(stored),
        Template("{% load wagtailcore_tags %}{{ value }}{{ value|richtext }}").render(
            Context({"value": stored})
        ),
        Template("{% load wagtailcore_tags %}{% include_block value %}").render(
            Context({"value": block.bind(stored)})
        ),
    ):
        assert_nothing_runs(rendered)
        assert "<b>đặt</b>" in rendered and "<img " in rendered


def test_the_filter_takes_a_field_or_a_block_value(home_page):
    template = Template("{% load cms_rich_text %}{{ value|sanitised_richtext }}")
    for value in (ATTACK, RichText(ATTACK), None):
        assert_nothing_runs(template.render(Context({"value": value})))
