"""Each CMS page type can be created where it belongs and nowhere else (through the admin's
own create view), and every one renders for a visitor and in the editor's preview."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import QueryDict
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from catalog.selectors import today
from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    FairIndexPage,
    FairPage,
    HomePage,
    MapPage,
    PointOfSalePage,
    ProvinceIndexPage,
    ProvincePage,
    TourismIndexPage,
    TourismPage,
)
from tests.factories import make_ocop_product
from tests.factories.cms import (
    commune,
    make_article,
    make_fair,
    make_point_of_sale,
    make_province_page,
    make_sections,
    make_tourism_page,
)

SECTION_TYPES = {ProvinceIndexPage, MapPage, FairIndexPage, TourismIndexPage, ArticleIndexPage}
EVERY_TYPE = {HomePage, ProvincePage, PointOfSalePage, FairPage, TourismPage, ArticlePage}
EVERY_TYPE |= SECTION_TYPES
# The inline formsets each page type's editor sends, empty.
FORMSETS = {
    HomePage: ("featured_products",),
    ProvincePage: ("featured_products", "featured_producers"),
    PointOfSalePage: ("opening_hours", "opening_exceptions", "stocked_products"),
    FairPage: ("exhibitors", "form_fields"),
}


def form(model, fields: dict, **formsets) -> dict:
    data = {"comments": inline_formset([])}
    data |= {name: inline_formset([]) for name in FORMSETS.get(model, ())}
    data |= formsets
    return nested_form_data({**fields, **data})


def place(code: int) -> dict:
    return {
        "commune": str(commune(code).pk),
        "street_address": "Số 2 Lê Hồng Phong",
        "latitude": "18.674200",
        "longitude": "105.690800",
    }


class CmsPageTypesTest(WagtailPageTestCase):
    def setUp(self):
        super().setUp()
        Locale.objects.get_or_create(language_code="vi")
        root = Page.get_first_root_node()
        self.home = root.add_child(instance=HomePage(title="Chợ OCOP", slug="cho-ocop"))
        self.home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": self.home},
        )
        self.sections = make_sections(self.home)
        self.province = make_province_page(self.sections["provinces"])
        self.user = get_user_model().objects.create_superuser("chief", "chief@ocop.local", "x")
        self.client.force_login(self.user)

    def edit_form(self, page) -> QueryDict:
        """What the editor sends for preview: the edit form as drawn, plus the StreamFields
        (which the browser's script writes)."""
        self.client.force_login(self.user)
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
        data = querydict_from_html(html.decode(), form_id="page-edit-form").copy()
        for field in page._meta.concrete_fields:
            if isinstance(field, StreamField):
                data[f"{field.name}-count"] = "0"
        return data

    def test_where_each_page_type_may_go(self):
        self.assertAllowedSubpageTypes(HomePage, SECTION_TYPES)
        self.assertAllowedSubpageTypes(ProvinceIndexPage, {ProvincePage})
        self.assertAllowedSubpageTypes(
            ProvincePage, {PointOfSalePage, FairPage, TourismPage, ArticlePage}
        )
        self.assertAllowedSubpageTypes(FairIndexPage, {FairPage})
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        for leaf in (PointOfSalePage, FairPage, TourismPage, ArticlePage, MapPage):
            self.assertAllowedSubpageTypes(leaf, set())
        self.assertAllowedParentPageTypes(FairPage, {ProvincePage, FairIndexPage})
        self.assertAllowedParentPageTypes(ArticlePage, {ProvincePage, ArticleIndexPage})
        self.assertAllowedParentPageTypes(PointOfSalePage, {ProvincePage})
        self.assertAllowedParentPageTypes(TourismPage, {ProvincePage})

    def test_nothing_goes_where_it_does_not_belong(self):
        self.assertCanNotCreateAt(HomePage, PointOfSalePage)
        self.assertCanNotCreateAt(ProvinceIndexPage, PointOfSalePage)
        self.assertCanNotCreateAt(FairIndexPage, PointOfSalePage)
        self.assertCanNotCreateAt(ArticleIndexPage, FairPage)
        self.assertCanNotCreateAt(HomePage, ProvincePage)
        self.assertCanNotCreateAt(PointOfSalePage, ArticlePage)
        self.assertCanNotCreateAt(MapPage, FairPage)
        # One of each section per home page.
        self.assertFalse(MapPage.can_create_at(self.home))
        self.assertFalse(ProvinceIndexPage.can_create_at(self.home))

    def test_a_section_can_be_created_under_a_new_home_page(self):
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Chợ OCOP 2", slug="cho-ocop-2")
        )
        self.assertCanCreate(home, MapPage, form(MapPage, {"title": "Bản đồ", "intro": "Mọi nơi"}))
        self.assertCanCreate(home, FairIndexPage, form(FairIndexPage, {"title": "Hội chợ"}))

    def test_a_province_page_can_be_created(self):
        data = form(
            ProvincePage,
            {
                "title": "OCOP Quảng Ninh",
                "province": "22",
                "intro": "Nơi khởi đầu OCOP",
                "body": streamfield([("paragraph", rich_text("<p>Từ năm 2013</p>"))]),
            },
        )
        self.assertCanCreate(self.sections["provinces"], ProvincePage, data)
        page = ProvincePage.objects.get(province_id=22, live=True)
        # Created in the admin, it comes with its province's editors, moderators and workflow.
        self.assertEqual(page.get_workflow().name, "Quy trình duyệt bài Quảng Ninh")
        self.assertTrue(Group.objects.filter(name="Biên tập viên Quảng Ninh").exists())

    def test_a_point_of_sale_can_be_created_with_hours_and_products(self):
        product = make_ocop_product(title="Cam Vinh")
        data = form(
            PointOfSalePage,
            {
                "title": "Điểm bán OCOP chợ Vinh",
                "slug": "diem-ban-ocop-cho-vinh",
                "kind": "market",
                "phone": "0912 445 870",
                "body": streamfield([]),
                **place(40),
            },
            opening_hours=inline_formset(
                [
                    {"weekday": "0", "opens": "07:00", "closes": "11:30"},
                    {"weekday": "0", "opens": "13:30", "closes": "17:00"},
                ]
            ),
            opening_exceptions=inline_formset(
                [
                    {
                        "name": "Tết",
                        "first_day": "2027-02-05",
                        "last_day": "2027-02-10",
                        "closed": "on",
                    }
                ]
            ),
            stocked_products=inline_formset([{"product": str(product.pk)}]),
        )
        self.assertCanCreate(self.province, PointOfSalePage, data)
        shop = PointOfSalePage.objects.get(slug="diem-ban-ocop-cho-vinh")
        self.assertEqual(shop.opening_hours.count(), 2)
        self.assertEqual([c.product for c in shop.stocked_products.all()], [product])

    def test_a_fair_can_be_created_with_an_application_form(self):
        start = today() + datetime.timedelta(days=20)
        data = form(
            FairPage,
            {
                "title": "Hội chợ OCOP Nghệ An",
                "start_date": start.isoformat(),
                "end_date": (start + datetime.timedelta(days=4)).isoformat(),
                "level": "provincial",
                "organiser": "Sở Công Thương",
                "venue": "Quảng trường Hồ Chí Minh",
                "programme": streamfield([("heading", "Chương trình")]),
                "how_to_apply": rich_text("<p>Đăng ký miễn phí</p>"),
                "thank_you_text": rich_text("<p>Cảm ơn</p>"),
                "to_address": "hoicho@ocop.local",
                "subject": "Đăng ký",
                **place(40),
            },
            form_fields=inline_formset(
                [{"label": "Tên chủ thể", "field_type": "singleline", "required": "on"}]
            ),
        )
        self.assertCanCreate(self.province, FairPage, data)
        fair = FairPage.objects.get(slug="hoi-cho-ocop-nghe-an")
        self.assertEqual(fair.days, 5)
        self.assertTrue(fair.accepts_applications())

    def test_a_national_fair_can_be_created_under_the_fairs_index(self):
        start = today() + datetime.timedelta(days=40)
        data = form(
            FairPage,
            {
                "title": "Tuần lễ OCOP toàn quốc",
                "start_date": start.isoformat(),
                "end_date": start.isoformat(),
                "level": "national",
                "organiser": "Văn phòng Điều phối",
                "venue": "Hoàng thành Thăng Long",
                "programme": streamfield([]),
                "commune": str(commune(1, "Phường Ba Đình").pk),
                "latitude": "21.035000",
                "longitude": "105.840000",
            },
        )
        self.assertCanCreate(self.sections["fairs"], FairPage, data)

    def test_a_tourism_page_and_an_article_can_be_created(self):
        service = make_ocop_product(title="Du lịch cộng đồng bản Nưa")
        tourism = form(
            TourismPage,
            {
                "title": "Bản Nưa",
                "service_product": str(service.pk),
                "seasons": "Quanh năm",
                "getting_there": rich_text("<p>Quốc lộ 7A</p>"),
                "body": streamfield([("quote", {"text": "Mời về bản", "attribution": ""})]),
                **place(40),
            },
        )
        self.assertCanCreate(self.province, TourismPage, tourism)
        article = form(
            ArticlePage,
            {
                "title": "Bản Nưa đón khách",
                "slug": "ban-nua-don-khach",
                "date": today().isoformat(),
                "tags": "Du lịch, Nghệ An",
                "body": streamfield([("paragraph", rich_text("<p>Mùa lúa chín</p>"))]),
            },
        )
        self.assertCanCreate(self.sections["news"], ArticlePage, article)
        self.assertEqual(
            sorted(ArticlePage.objects.get(slug="ban-nua-don-khach").tags.names()),
            ["Du lịch", "Nghệ An"],
        )

    def test_every_page_type_renders_for_a_visitor_and_in_preview(self):
        product = make_ocop_product(title="Trà hoa vàng")
        pages = [
            self.home,
            *self.sections.values(),
            self.province,
            make_point_of_sale(self.province, products=[product]),
            make_fair(self.province),
            make_fair(self.sections["fairs"], slug="tuan-le-ocop", title="Tuần lễ OCOP"),
            make_tourism_page(self.province, service_product=product),
            make_article(self.sections["news"]),
            make_article(self.province, slug="tin-tinh", title="Tin của tỉnh"),
        ]
        self.assertEqual({type(page.specific) for page in pages}, EVERY_TYPE)
        self.client.logout()
        for page in pages:
            self.assertPageIsRenderable(page.specific)
        for page in pages:
            page = page.specific
            self.assertPageIsPreviewable(page, post_data=self.edit_form(page), user=self.user)
        # The fairs calendar and past list are other views of the same page.
        fairs = self.sections["fairs"].specific
        self.assertPageIsRenderable(fairs, query_data={"view": "calendar"})
        self.assertPageIsRenderable(fairs, query_data={"when": "past"})
