"""What editors and visitors send wrongly is refused with the reason shown, or made harmless:
a place outside Việt Nam, closing before opening, a fair that ends before it starts, a second
page for one province, script in rich text, an application after the deadline, and whatever a
URL's query string carries."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.forms.models import FormSubmission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from catalog.selectors import today
from cms.models import FairApplicationField, FairPage, PointOfSalePage, ProvincePage
from tests.factories.cms import commune, make_fair, make_point_of_sale

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("chief", "chief@ocop.local", "x")
    client.force_login(user)
    return client


def add(client, parent, model, fields: dict, **formsets):
    data = {"comments": inline_formset([]), **formsets}
    url = reverse("wagtailadmin_pages:add", args=["cms", model._meta.model_name, parent.pk])
    return client.post(url, nested_form_data({**fields, **data, "action-publish": "1"}))


def errors(response) -> str:
    """Every error message the editor sees on the form, inline forms included."""
    assert response.status_code == 200, "the form was accepted"
    form = response.context["form"]
    messages = [str(e) for field_errors in form.errors.values() for e in field_errors]
    for formset in form.formsets.values():
        for form_errors in formset.errors:
            messages += [str(e) for field_errors in form_errors.values() for e in field_errors]
    return " ".join(messages)


def shop_fields(**changes) -> dict:
    return {
        "title": "Điểm bán thử",
        "slug": "diem-ban-thu",
        "kind": "showroom",
        "commune": str(commune(40).pk),
        "latitude": "18.674200",
        "longitude": "105.690800",
        "body": streamfield([]),
        **changes,
    }


def shop_formsets(**changes) -> dict:
    return {
        "opening_hours": inline_formset([]),
        "opening_exceptions": inline_formset([]),
        "stocked_products": inline_formset([]),
        **changes,
    }


def test_coordinates_outside_vietnam_are_refused_with_the_reason(admin_client, nghe_an):
    # Latitude and longitude swapped: a point in the Indian Ocean.
    response = add(
        admin_client,
        nghe_an,
        PointOfSalePage,
        shop_fields(latitude="105.690800", longitude="18.674200"),
        **shop_formsets(),
    )
    assert "nằm ngoài Việt Nam" in errors(response)
    assert "bị đảo chỗ" in errors(response)
    # Bangkok, just west of the border.
    response = add(
        admin_client,
        nghe_an,
        PointOfSalePage,
        shop_fields(latitude="13.756300", longitude="100.501800"),
        **shop_formsets(),
    )
    assert "nằm ngoài Việt Nam" in errors(response)
    assert not PointOfSalePage.objects.exists()


def test_closing_before_opening_is_refused_unless_it_closes_after_midnight(admin_client, nghe_an):
    hours = inline_formset([{"weekday": "4", "opens": "17:00", "closes": "01:00"}])
    response = add(
        admin_client, nghe_an, PointOfSalePage, shop_fields(), **shop_formsets(opening_hours=hours)
    )
    assert "Giờ đóng cửa 01:00 không sau giờ mở cửa 17:00" in errors(response)
    assert "đóng cửa sau nửa đêm" in errors(response)

    night = inline_formset(
        [{"weekday": "4", "opens": "17:00", "closes": "01:00", "closes_next_day": "on"}]
    )
    response = add(
        admin_client, nghe_an, PointOfSalePage, shop_fields(), **shop_formsets(opening_hours=night)
    )
    assert response.status_code == 302
    assert PointOfSalePage.objects.get().opening_hours.get().closes_next_day


def test_an_exception_that_ends_before_it_starts_is_refused(admin_client, nghe_an):
    exceptions = inline_formset(
        [{"name": "Tết", "first_day": "2027-02-10", "last_day": "2027-02-05", "closed": "on"}]
    )
    response = add(
        admin_client,
        nghe_an,
        PointOfSalePage,
        shop_fields(),
        **shop_formsets(opening_exceptions=exceptions),
    )
    assert "Ngày kết thúc trước ngày bắt đầu" in errors(response)


def test_a_fair_that_ends_before_it_starts_is_refused(admin_client, nghe_an):
    start = today() + datetime.timedelta(days=10)
    fields = {
        "title": "Hội chợ ngược",
        "slug": "hoi-cho-nguoc",
        "start_date": start.isoformat(),
        "end_date": (start - datetime.timedelta(days=2)).isoformat(),
        "level": "provincial",
        "organiser": "Sở Công Thương",
        "venue": "Quảng trường",
        "commune": str(commune(40).pk),
        "latitude": "18.669300",
        "longitude": "105.691900",
        "programme": streamfield([]),
    }
    formsets = {"exhibitors": inline_formset([]), "form_fields": inline_formset([])}
    response = add(admin_client, nghe_an, FairPage, fields, **formsets)
    assert "Hội chợ kết thúc trước khi bắt đầu" in errors(response)
    assert not FairPage.objects.exists()


def test_a_commune_of_another_province_is_refused(admin_client, nghe_an):
    response = add(
        admin_client,
        nghe_an,
        PointOfSalePage,
        shop_fields(commune=str(commune(22).pk)),
        **shop_formsets(),
    )
    assert "commune" in response.context["form"].errors


def test_a_province_has_one_page_per_language(nghe_an, sections):
    second = ProvincePage(title="Nghệ An 2", slug="nghe-an-2", province_id=40)
    with pytest.raises(ValidationError, match="đã có trang"):
        sections["provinces"].add_child(instance=second)


def test_the_model_refuses_a_point_outside_vietnam_however_it_is_saved(nghe_an):
    with pytest.raises(ValidationError) as refused:
        make_point_of_sale(nghe_an, latitude=48.8566, longitude=2.3522)  # Paris
    assert "nằm ngoài Việt Nam" in str(refused.value)


def draftail(text: str) -> str:
    """What Wagtail's rich-text editor sends: its content state, whatever the user typed."""
    block = {"key": "a1b2c", "type": "unstyled", "depth": 0, "text": text}
    block |= {"inlineStyleRanges": [], "entityRanges": []}
    return json.dumps({"blocks": [block], "entityMap": {}})


def test_script_typed_into_rich_text_never_reaches_the_page(admin_client, nghe_an, client):
    start = today() + datetime.timedelta(days=10)
    fields = {
        "title": "Hội chợ an toàn",
        "slug": "hoi-cho-an-toan",
        "start_date": start.isoformat(),
        "end_date": start.isoformat(),
        "level": "provincial",
        "organiser": "Sở Công Thương",
        "venue": "Quảng trường",
        "commune": str(commune(40).pk),
        "latitude": "18.669300",
        "longitude": "105.691900",
        "how_to_apply": draftail(f"Đăng ký {SCRIPT}"),
        "programme": streamfield([("paragraph", draftail(f"Khai mạc {SCRIPT}"))]),
    }
    formsets = {"exhibitors": inline_formset([]), "form_fields": inline_formset([])}
    assert add(admin_client, nghe_an, FairPage, fields, **formsets).status_code == 302

    html = client.get(FairPage.objects.get().url).text
    assert "<script>alert" not in html
    assert html.count("&lt;script&gt;alert(") == 2  # shown as the text that was typed


@pytest.fixture
def fair_with_form(nghe_an):
    fair = make_fair(nghe_an, application_deadline=today() + datetime.timedelta(days=5))
    fair.form_fields = [
        FairApplicationField(label="Tên chủ thể", field_type="singleline", required=True),
        FairApplicationField(label="Email", field_type="email", required=True),
    ]
    fair.save_revision().publish()
    return fair


def test_an_application_with_a_bad_email_is_refused_with_the_reason(client, fair_with_form):
    response = client.post(fair_with_form.url, {"ten_chu_the": "HTX Minh Thành", "email": "x@"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not FormSubmission.objects.exists()

    client.post(fair_with_form.url, {"ten_chu_the": "HTX Minh Thành", "email": "htx@ocop.local"})
    assert FormSubmission.objects.get().get_data()["ten_chu_the"] == "HTX Minh Thành"


def test_no_application_after_the_deadline(client, fair_with_form):
    fair_with_form.application_deadline = today() - datetime.timedelta(days=1)
    fair_with_form.save_revision().publish()

    assert '<form class="fair-apply"' not in client.get(fair_with_form.url).text
    response = client.post(fair_with_form.url, {"ten_chu_the": "Muộn", "email": "a@ocop.local"})
    assert response.status_code == 400
    assert "Đã hết hạn đăng ký" in response.text
    assert not FormSubmission.objects.exists()


# Whatever a URL carries: a page or a clear 404, never a server error.
PARAMETERS = ("province", "kind", "when", "view", "month", "tag", "page")
values = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["nghe_an", "fair", "past", "calendar", "2027-02", "0000-00", "9999-99"]),
)
query_strings = st.dictionaries(
    st.sampled_from(PARAMETERS), st.lists(values, min_size=1, max_size=3), max_size=len(PARAMETERS)
)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(params=query_strings)
def test_cms_listings_never_error_whatever_the_query_string(django_app, sections, params):
    for url in (
        sections["fairs"].url,
        sections["map"].url,
        sections["news"].url,
        "/places.geojson",
        "/fairs.ics",
    ):
        response = django_app.get(url, params=params, expect_errors=True)
        assert response.status_int in (200, 404), (url, params, response.status)
