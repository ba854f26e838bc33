"""The CMS a province's editors and moderators use, in Vietnamese: every message gettext is
asked for while Wagtail's admin draws their screens (dashboard, page explorer, the edit form
of each of our page types, the page-type chooser, pictures and documents, search, their
account, and the moderation screens) has a Vietnamese translation in the active catalogues:
ours first (locale/), then Wagtail's. The failure lists the messages still in English.

Strings that Wagtail's scripts draw in the browser come from its JavaScript catalogue, which
is not asked for through gettext on the server and is not checked here."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import WorkflowState

from cms.editorial import province_editorial_setup
from tests.factories.cms import make_article, make_fair, make_point_of_sale, make_tourism_page
from tests.translations import recording_messages, untranslated

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(nghe_an):
    """Nghệ An's pages as the demo has them, its team, a picture and a document in its
    collection, and a point of sale its editor has sent for approval."""
    team = province_editorial_setup(province_page=nghe_an)
    User = get_user_model()
    editor = User.objects.create_user("bientap.nghean", "bientap@ocop.local", "x")
    editor.groups.add(team.editors)
    moderator = User.objects.create_user("kiemduyet.nghean", "kiemduyet@ocop.local", "x")
    moderator.groups.add(team.moderators)
    get_image_model().objects.create(
        title="Chợ phiên Vinh", file=get_test_image_file(), collection=team.collection
    )
    get_document_model().objects.create(
        title="Kế hoạch OCOP 2026",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="ke-hoach.pdf"),
        collection=team.collection,
    )
    pages = {
        "province": nghe_an,
        "point_of_sale": make_point_of_sale(nghe_an, phone="0238 3844 123"),
        "fair": make_fair(nghe_an),
        "tourism": make_tourism_page(nghe_an),
        "article": make_article(nghe_an),
    }
    point_of_sale = pages["point_of_sale"]
    point_of_sale.title = "Trung tâm OCOP Vinh (giờ mới)"
    point_of_sale.save_revision(user=editor)
    state = point_of_sale.get_workflow().start(point_of_sale, editor)
    return {"editor": editor, "moderator": moderator, "pages": pages, "state": state}


def editor_paths(pages, state: WorkflowState) -> list[str]:
    province, point_of_sale = pages["province"], pages["point_of_sale"]
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[province.pk]),
        *(reverse("wagtailadmin_pages:edit", args=[page.pk]) for page in pages.values()),
        reverse("wagtailadmin_pages:add_subpage", args=[province.pk]),
        reverse("wagtailadmin_pages:add", args=["cms", "pointofsalepage", province.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
        reverse("wagtailadmin_pages:search") + "?q=Vinh",
        reverse("wagtailadmin_account"),
        reverse("wagtailadmin_pages:history", args=[point_of_sale.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[point_of_sale.pk]),
        reverse("wagtailadmin_pages:workflow_history_detail", args=[point_of_sale.pk, state.pk]),
        reverse("wagtailforms:list_submissions", args=[pages["fair"].pk]),
    ]


def test_a_province_editor_and_moderator_see_the_cms_in_vietnamese(client, province):
    pages, state = province["pages"], province["state"]
    point_of_sale = pages["point_of_sale"]
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[point_of_sale.pk, "approve", state.current_task_state.pk],
    )
    with recording_messages() as asked:
        client.force_login(province["editor"])
        for path in editor_paths(pages, state):
            assert client.get(path, follow=True).status_code == 200, path
        client.force_login(province["moderator"])
        for path in [
            reverse("wagtailadmin_home"),  # "Awaiting your review"
            reverse("wagtailadmin_pages:edit", args=[point_of_sale.pk]),
            approve,  # the approval's comment form
        ]:
            assert client.get(path, follow=True).status_code == 200, path

    assert len(asked) > 300  # the recorder saw the screens
    assert untranslated(asked) == []
