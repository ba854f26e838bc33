"""Province editors and moderators through the real admin URLs: an editor edits only their own
province's pages and cannot publish; their changes go to their province's moderators, who
publish them; a moderator of another province can do neither."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from cms.editorial import province_editorial_setup
from cms.models import PointOfSalePage
from tests.factories.cms import HA_LONG, commune, make_point_of_sale, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams(nghe_an, quang_ninh):
    na, qn = (province_editorial_setup(province_page=p) for p in (nghe_an, quang_ninh))
    User = get_user_model()

    def member(name, group):
        user = User.objects.create_user(name, f"{name}@ocop.local", "x")
        user.groups.add(group)
        return user

    return {
        "na_editor": member("bientap.nghean", na.editors),
        "na_moderator": member("kiemduyet.nghean", na.moderators),
        "qn_editor": member("bientap.quangninh", qn.editors),
        "qn_moderator": member("kiemduyet.quangninh", qn.moderators),
    }


@pytest.fixture
def shops(nghe_an, quang_ninh):
    return {
        "vinh": make_point_of_sale(nghe_an),
        "ha_long": make_point_of_sale(
            quang_ninh,
            title="Trung tâm OCOP Hạ Long",
            slug="trung-tam-ocop-ha-long",
            commune=commune(22, "Phường Bãi Cháy"),
            **HA_LONG,
        ),
    }


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(client, page, **changes):
    """The edit form as the editor's browser sends it (StreamFields written by its script)."""
    response = client.get(edit_url(page))
    assert response.status_code == 200, response
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").copy()
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            data[f"{field.name}-count"] = "0"
    for name, value in changes.items():
        data[name] = value
    return data


def denied(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def live_title(page) -> str:
    return PointOfSalePage.objects.get(pk=page.pk).title


def test_an_editor_cannot_open_or_change_another_provinces_page(client, teams, shops):
    client.force_login(teams["na_editor"])
    ha_long = shops["ha_long"]

    assert denied(client.get(edit_url(ha_long)))
    assert denied(client.post(edit_url(ha_long), {"title": "Đã sửa", "action-publish": "1"}))
    add_url = reverse(
        "wagtailadmin_pages:add", args=["cms", "pointofsalepage", ha_long.get_parent().pk]
    )
    assert denied(client.get(add_url))
    assert live_title(ha_long) == "Trung tâm OCOP Hạ Long"


def test_an_editor_cannot_publish_even_their_own_province(client, teams, shops):
    client.force_login(teams["na_editor"])
    vinh = shops["vinh"]

    data = edit_form(client, vinh, title="Trung tâm OCOP Vinh (mới)", **{"action-publish": "1"})
    client.post(edit_url(vinh), data)

    assert live_title(vinh) == "Trung tâm OCOP Vinh"
    assert PointOfSalePage.objects.get(pk=vinh.pk).has_unpublished_changes


def submit(client, page, title) -> WorkflowState:
    data = edit_form(client, page, title=title, **{"action-submit": "1"})
    assert client.post(edit_url(page), data).status_code == 302
    return WorkflowState.objects.get(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )


def approve_url(page, state) -> str:
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )


def test_the_editor_submits_and_their_provinces_moderator_publishes(client, teams, shops):
    vinh = shops["vinh"]
    client.force_login(teams["na_editor"])
    state = submit(client, vinh, "Trung tâm OCOP Vinh (mới)")
    assert state.workflow.name == "Quy trình duyệt bài Nghệ An"
    assert live_title(vinh) == "Trung tâm OCOP Vinh"

    # Quảng Ninh's moderator may not approve Nghệ An's page, nor open it.
    client.force_login(teams["qn_moderator"])
    client.post(approve_url(vinh, state), {"comment": ""})
    assert live_title(vinh) == "Trung tâm OCOP Vinh"
    assert denied(client.get(edit_url(vinh)))

    client.force_login(teams["na_moderator"])
    response = client.post(approve_url(vinh, state), {"comment": "Đồng ý"})

    assert response.status_code in (200, 302)
    assert live_title(vinh) == "Trung tâm OCOP Vinh (mới)"
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_a_moderator_publishes_directly_in_their_own_province_only(client, teams, shops):
    client.force_login(teams["na_moderator"])
    vinh = shops["vinh"]
    data = edit_form(client, vinh, title="Trung tâm OCOP Vinh – mở cửa", **{"action-publish": "1"})
    client.post(edit_url(vinh), data)
    assert live_title(vinh) == "Trung tâm OCOP Vinh – mở cửa"

    assert denied(client.get(edit_url(shops["ha_long"])))


def test_the_english_copy_belongs_to_the_same_province_team(client, teams, shops, nghe_an):
    english_province = translate(nghe_an, title="OCOP Nghệ An", slug="nghe-an")
    assert english_province.locale.language_code == "en"

    client.force_login(teams["na_editor"])
    assert client.get(edit_url(english_province)).status_code == 200
    client.force_login(teams["qn_editor"])
    assert denied(client.get(edit_url(english_province)))


def test_the_organiser_sees_applications_in_the_cms_and_by_email(
    client, teams, nghe_an, mailoutbox
):
    import datetime

    from catalog.selectors import today
    from cms.models import FairApplicationField
    from tests.factories.cms import make_fair

    fair = make_fair(
        nghe_an,
        to_address="hoicho@ocop.local",
        subject="Đăng ký gian hàng",
        application_deadline=today() + datetime.timedelta(days=3),
    )
    fair.form_fields = [
        FairApplicationField(label="Tên chủ thể", field_type="singleline", required=True)
    ]
    fair.save_revision().publish()
    client.post(fair.url, {"ten_chu_the": "HTX Minh Thành"})
    assert "Cảm ơn bạn" in client.post(fair.url, {"ten_chu_the": "HTX Từ Tâm"}).text
    assert [message.to for message in mailoutbox] == [["hoicho@ocop.local"]] * 2

    submissions = reverse("wagtailforms:list_submissions", args=[fair.pk])
    client.force_login(teams["na_editor"])
    listing = client.get(submissions)
    assert listing.status_code == 200
    assert "HTX Minh Thành" in listing.text and "HTX Từ Tâm" in listing.text
    client.force_login(teams["qn_editor"])
    assert client.get(submissions).status_code in (302, 403)
