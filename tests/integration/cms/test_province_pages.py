"""Province pages count what the catalog lists today, in a fixed number of queries; the index
shows all 34 provinces."""

import pytest
from django.core.cache import cache

from catalog.models import Province
from catalog.services.certificates import certificate_revoke
from tests.factories import make_ocop_product, make_producer
from tests.factories.cms import make_point_of_sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(honey_group):
    quang_ninh = Province.objects.get(pk=22)
    nghe_an_producer = make_producer(name="HTX Vĩnh Hòa")
    products = [
        make_ocop_product(
            title="Trà Vĩnh Hòa", stars=3, producer=nghe_an_producer, category=honey_group
        ),
        make_ocop_product(
            title="Tảo Spirulina", stars=5, producer=nghe_an_producer, category=honey_group
        ),
        make_ocop_product(title="Cam Vinh", stars=4, producer=make_producer(name="HTX Minh Thành")),
        make_ocop_product(
            title="Chả mực Hạ Long",
            producer=make_producer(name="Đặc sản Hạ Long", province=quang_ninh),
        ),
    ]
    return products


def test_the_figures_are_the_catalogs_listing_today(catalogue, nghe_an, client, honey_group):
    make_point_of_sale(nghe_an)
    figures = client.get(nghe_an.url).context["figures"]

    assert figures["products"] == 3
    assert figures["producers"] == 2
    assert figures["by_stars"] == [(3, 1), (4, 1), (5, 1)]
    assert [(group.name, count) for group, count in figures["by_group"]] == [("Thực phẩm", 2)]

    certificate_revoke(certificate=catalogue[1].certificates.get(), reason="Thu hồi")
    figures = client.get(nghe_an.url).context["figures"]
    assert figures["products"] == 2 and figures["by_stars"] == [(3, 1), (4, 1), (5, 0)]


def test_the_province_page_costs_the_same_queries_however_many_products(
    catalogue, nghe_an, client, django_assert_max_num_queries
):
    client.get(nghe_an.url)  # warm caches (site, locale)
    cache.clear()  # the group menu is cached under the storefront version, which moves below
    with django_assert_max_num_queries(40) as few:
        client.get(nghe_an.url)
    for i in range(6):
        make_ocop_product(title=f"Sản phẩm {i}", producer=make_producer(name=f"HTX {i}"))
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(nghe_an.url)


def test_the_index_lists_all_34_provinces_with_their_counts(
    catalogue, nghe_an, sections, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        response = client.get(sections["provinces"].url)
    rows = response.context["rows"]
    assert len(rows) == 34
    by_name = {row["province"].short_name: row for row in rows}
    assert (by_name["Nghệ An"]["products"], by_name["Nghệ An"]["producers"]) == (3, 2)
    assert by_name["Quảng Ninh"]["products"] == 1 and by_name["Quảng Ninh"]["page"] is None
    assert by_name["Nghệ An"]["page"].pk == nghe_an.pk
    assert f'href="{nghe_an.url}"' in response.text
