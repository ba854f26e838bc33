"""Product content in two languages (issue 12): /en/ shows the English title, description,
group names, producer story and issuing body where they are written, and the Vietnamese,
marked as such (lang="vi" and a visible note), where they are not. Search finds a product
by its English words too."""

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from catalog.services.certificates import certificate_issue
from catalog.services.producers import producer_story_update
from catalog.services.products import product_update
from tests.factories import make_ocop_product, make_producer

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")

NOTE = "(in Vietnamese)"


def in_english(url_of):
    with translation.override("en"):
        return url_of()


def in_vietnamese(url_of):
    # A request served in this thread leaves its language active here: an address reversed
    # after an English page would carry /en/.
    with translation.override("vi"):
        return url_of()


@pytest.fixture
def fish_sauce(honey_group):
    fishery = make_producer(name="HTX Hải sản Phú Quốc")
    product = make_ocop_product(title="Nước mắm Phú Quốc", producer=fishery, category=honey_group)
    return product_update(
        product=product,
        by=None,
        product_group=honey_group,
        description="<p>Cá cơm ủ chượp mười hai tháng.</p>",
        title_en="Phu Quoc fish sauce",
        description_en="<p>Anchovies fermented for <b>twelve months</b>.</p>",
    )


@pytest.fixture
def honey(make_product):
    """Written in Vietnamese only."""
    return make_product(title="Mật ong rừng Con Cuông")


def test_english_page_shows_the_english_title_and_description(django_app, fish_sauce):
    page = django_app.get(in_english(fish_sauce.get_absolute_url))

    assert page.html.select_one("h1").text.strip() == "Phu Quoc fish sauce"
    description = page.html.select_one(".product-detail__description")
    assert "<b>twelve months</b>" in str(description)
    assert "Cá cơm" not in description.text
    assert NOTE not in page.html.select_one(".product-detail__summary").text
    django_app.reset()
    vietnamese = django_app.get(in_vietnamese(fish_sauce.get_absolute_url))
    assert vietnamese.html.select_one("h1").text.strip() == "Nước mắm Phú Quốc"
    assert "Cá cơm ủ chượp" in vietnamese.html.select_one(".product-detail__description").text


def test_without_english_the_vietnamese_is_shown_and_marked(django_app, honey):
    page = django_app.get(in_english(honey.get_absolute_url))

    title = page.html.select_one("h1")
    assert title.select_one('span[lang="vi"]').text == "Mật ong rừng Con Cuông"
    assert title.select_one(".untranslated-note").text == NOTE
    # The Vietnamese page itself marks nothing.
    django_app.reset()
    vietnamese = django_app.get(in_vietnamese(honey.get_absolute_url))
    assert vietnamese.html.select_one("h1").text.strip() == "Mật ong rừng Con Cuông"
    assert not vietnamese.html.select(".untranslated-note")


def test_product_cards_in_english_mark_only_what_is_vietnamese(django_app, fish_sauce, honey):
    page = django_app.get("/en/catalogue/")

    cards = {
        card.select_one("a").get("href"): card for card in page.html.select(".product-card__title")
    }
    fish = cards[in_english(fish_sauce.get_absolute_url)]
    assert fish.text.strip() == "Phu Quoc fish sauce" and not fish.select("[lang]")
    honey_card = cards[in_english(honey.get_absolute_url)]
    assert honey_card.select_one('[lang="vi"]').text == "Mật ong rừng Con Cuông"
    assert NOTE in honey_card.text


def test_group_names_in_english(django_app, fish_sauce, honey_group):
    honey_group.name_en = "Food"
    honey_group.save()
    child = honey_group.add_child(name="Nước mắm", slug="nuoc-mam")  # no English name
    child.refresh_from_db()

    page = django_app.get(in_english(fish_sauce.get_absolute_url))
    assert "Food" in page.html.select_one(".breadcrumb").text
    assert "Thực phẩm" not in page.html.select_one(".breadcrumb").text
    group_page = django_app.get(in_english(honey_group.get_absolute_url))
    assert "Food" in group_page.html.select_one("h1").text
    facet = django_app.get("/en/search/", params={"q": "fish sauce"}).html.select_one(
        ".facet--group"
    )
    assert "Food" in facet.text and "Thực phẩm" not in facet.text
    untranslated = django_app.get(in_english(child.get_absolute_url))
    assert "Nước mắm" in untranslated.html.select_one("h1").text
    django_app.reset()
    vietnamese = django_app.get(in_vietnamese(honey_group.get_absolute_url))
    assert "Thực phẩm" in vietnamese.html.select_one("h1").text


def test_producer_story_in_english_with_the_untranslated_section_marked(
    django_app, producer, honey
):
    producer_story_update(
        producer=producer,
        by=None,
        story_history="<p>Hợp tác xã lập năm 2010.</p>",
        story_history_en="<p>The cooperative was founded in 2010.</p>",
        story_village="<p>Bản Khe Rạn nằm bên suối.</p>",
    )

    story = django_app.get(in_english(honey.get_absolute_url)).html.select_one(".producer-story")

    assert "The cooperative was founded in 2010." in story.text
    assert "Hợp tác xã" not in story.text
    marked = story.select_one('[lang="vi"]')
    assert marked.text.strip() == "Bản Khe Rạn nằm bên suối."
    assert story.text.count(NOTE) == 1
    django_app.reset()
    vietnamese = django_app.get(in_vietnamese(honey.get_absolute_url)).html.select_one(
        ".producer-story"
    )
    assert "Hợp tác xã lập năm 2010." in vietnamese.text and NOTE not in vietnamese.text


def test_certificate_issuing_body_in_english(django_app, honey):
    certificate_issue(
        product=honey,
        stars=4,
        score=80,
        criteria_version="148",
        level="province",
        issuing_body="UBND tỉnh Nghệ An",
        issuing_body_en="Nghe An Provincial People's Committee",
        decision_number="999/QĐ-UBND",
        decision_date=honey.certificates.get().decision_date,
    )

    panel = django_app.get(in_english(honey.get_absolute_url)).html.select_one(".certificate-panel")
    assert "Nghe An Provincial People's Committee" in panel.text
    assert "UBND tỉnh Nghệ An" not in panel.text
    django_app.reset()
    vietnamese = django_app.get(in_vietnamese(honey.get_absolute_url)).html.select_one(
        ".certificate-panel"
    )
    assert "UBND tỉnh Nghệ An" in vietnamese.text


def titles(page):
    return [a.text.strip() for a in page.html.select(".product-card__title a")]


def test_search_finds_a_product_by_its_english_words(django_app, fish_sauce, honey):
    assert titles(django_app.get("/search/", params={"q": "fish sauce"})) == ["Nước mắm Phú Quốc"]
    assert titles(django_app.get("/en/search/", params={"q": "fish sauce"})) == [
        "Phu Quoc fish sauce"
    ]
    # Vietnamese words still find it, on either page.
    assert titles(django_app.get("/en/search/", params={"q": "nuoc mam"})) == [
        "Phu Quoc fish sauce"
    ]
    assert titles(django_app.get("/search/", params={"q": "honey"})) == []


def test_the_index_holds_the_vietnamese_whatever_language_the_change_was_made_in(
    django_app, fish_sauce, honey_group
):
    from search.models import ProductIndexEntry

    with translation.override("en"):
        product_update(
            product=fish_sauce, by=None, product_group=honey_group, title_en="Fish sauce"
        )

    entry = ProductIndexEntry.objects.get(product=fish_sauce)
    assert entry.title == "Nước mắm Phú Quốc"
    assert " fish " in entry.text_folded
    fish_sauce.refresh_from_db()
    assert (fish_sauce.title_vi, fish_sauce.title_en) == ("Nước mắm Phú Quốc", "Fish sauce")


def test_staff_write_both_languages_in_oscars_dashboard(django_app, staff, honey, honey_group):
    page = django_app.get(
        reverse("dashboard:catalogue-product", kwargs={"pk": honey.pk}), user=staff
    )
    form = page.forms["create_update_product_form"]
    assert form["title"].value == "Mật ong rừng Con Cuông"
    form["title_en"] = "Con Cuong forest honey"
    assert form.submit().status_code == 302
    form = django_app.get(
        reverse("dashboard:catalogue-category-update", kwargs={"pk": honey_group.pk}), user=staff
    ).forms["create_update_category_form"]
    form["name_en"] = "Food"
    assert form.submit().status_code == 302

    honey.refresh_from_db()
    honey_group.refresh_from_db()
    assert (honey.title_vi, honey.title_en) == ("Mật ong rừng Con Cuông", "Con Cuong forest honey")
    assert (honey_group.name_vi, honey_group.name_en) == ("Thực phẩm", "Food")
