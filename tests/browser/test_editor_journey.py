"""A province editor publishes a fair through moderation, in Wagtail's own editor on a desktop
browser: the editor of Nghệ An creates a fair page under the province's page and submits it;
Nghệ An's moderator opens it and approves it, which publishes it; the fairs calendar then
shows it and /fairs.ics carries its event. The groups and the workflow are the ones the shop
makes for every province (cms.editorial). The last screen of each person is kept in
test-results/ (editor-submitted.png, editor-moderator-published.png, editor-calendar.png)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import WorkflowState

from catalog.selectors import today
from cms.editorial import province_editorial_setup
from cms.models import FairPage
from tests.browser.conftest import ARTIFACTS
from tests.factories.cms import make_live_home_page, make_province_page, make_sections

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Hội chợ OCOP Vinh mùa đông"


@pytest.fixture
def cms_site(live_server, places):
    home = make_live_home_page()
    sections = make_sections(home)
    nghe_an = make_province_page(sections["provinces"])
    team = province_editorial_setup(province_page=nghe_an)
    User = get_user_model()
    editor = User.objects.create_user("bientap.nghean", "bientap@ocop.local", "bientap-2026")
    editor.groups.add(team.editors)
    moderator = User.objects.create_user("kiemduyet.nghean", "kiemduyet@ocop.local", "kd-2026")
    moderator.groups.add(team.moderators)
    return live_server.url, nghe_an, sections["fairs"]


@pytest.fixture
def desktop(browser):
    """An office computer: the CMS is used at a desk."""
    contexts = []

    def open_page():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def cms_login(page, server, username, password):
    page.goto(f"{server}/cms/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{server}/cms/")


def footer_action(page, selector):
    """A button of the editor's footer menu: shown at once, or behind the menu's toggle."""
    button = page.locator(selector)
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button.click()


def eventually(page, check, seconds=15):
    """Waits (letting the browser run) until `check()` holds: the server finishes a request
    after the browser has moved on."""
    for _ in range(seconds * 5):
        if check():
            return
        page.wait_for_timeout(200)
    assert check()


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"editor-{name}.png"), full_page=True)


def test_an_editors_fair_is_published_by_the_moderator_and_is_in_the_calendar(desktop, cms_site):
    server, nghe_an, fairs_index = cms_site
    starts = today() + datetime.timedelta(days=10)
    ends = starts + datetime.timedelta(days=2)

    # The editor writes the fair and submits it for moderation.
    editor = desktop()
    cms_login(editor, server, "bientap.nghean", "bientap-2026")
    editor.goto(f"{server}/cms/pages/add/cms/fairpage/{nghe_an.pk}/")
    editor.fill("input[name=title]", TITLE)
    editor.fill("input[name=start_date]", starts.isoformat())  # Wagtail's date widget format
    editor.keyboard.press("Escape")
    editor.fill("input[name=end_date]", ends.isoformat())
    editor.keyboard.press("Escape")
    editor.select_option("select[name=level]", "provincial")
    editor.fill("input[name=organiser]", "Sở Công Thương Nghệ An")
    editor.fill("input[name=venue]", "Quảng trường Hồ Chí Minh")
    editor.fill("input[name=street_address]", "Đại lộ Lê Nin")
    editor.select_option("select[name=commune]", index=1)
    editor.fill("input[name=latitude]", "18.669300")
    editor.fill("input[name=longitude]", "105.691900")
    footer_action(editor, "button[name='action-submit']")
    eventually(editor, lambda: FairPage.objects.filter(title=TITLE).exists())
    editor.wait_for_url(lambda url: "/add/" not in url)
    editor.wait_for_load_state("networkidle")
    fair = FairPage.objects.get(title=TITLE)
    assert not fair.live
    assert (fair.start_date, fair.end_date) == (starts, ends)
    state = WorkflowState.objects.filter(object_id=str(fair.pk)).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    shot(editor, "submitted")

    # Nghệ An's moderator opens it from the editor and approves it: it is published.
    moderator = desktop()
    cms_login(moderator, server, "kiemduyet.nghean", "kd-2026")
    assert TITLE in moderator.content()  # the dashboard: "awaiting your review"
    moderator.goto(f"{server}/cms/pages/{fair.pk}/edit/")
    footer_action(
        moderator,
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])",
    )
    eventually(moderator, lambda: FairPage.objects.get(pk=fair.pk).live)
    moderator.wait_for_load_state("networkidle")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    shot(moderator, "moderator-published")

    # A visitor: the fair is in the month's calendar, and in the iCalendar feed.
    visitor = desktop()
    visitor.goto(f"{server}{fairs_index.url}?view=calendar&month={starts:%Y-%m}")
    visitor.get_by_role("link", name=TITLE).first.wait_for()
    shot(visitor, "calendar")
    feed = visitor.request.get(f"{server}/fairs.ics")
    assert feed.ok
    body = feed.text().replace("\r\n ", "")  # unfold long lines (RFC 5545)
    assert "BEGIN:VEVENT" in body
    assert f"SUMMARY:{TITLE}" in body
    assert f"DTSTART;VALUE=DATE:{starts:%Y%m%d}" in body
