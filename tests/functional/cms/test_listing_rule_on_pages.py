"""A product that stops being listable leaves every CMS page that chose it at once, without
anyone editing those pages; a producer that is suspended leaves the fairs and provinces that
featured it. Editors' choices are kept: the product comes back when it is listed again."""

import json

import pytest
from wagtail.models import Page

from catalog.services.certificates import certificate_revoke
from catalog.services.producers import producer_suspend
from cms.models import HomeFeaturedProduct, ProvinceFeaturedProducer, ProvinceFeaturedProduct
from tests.factories import certify, make_ocop_product, make_producer
from tests.factories.cms import make_article, make_fair, make_point_of_sale, make_tourism_page

pytestmark = pytest.mark.django_db

HONEY = "Mật ong rừng Pù Mát"


@pytest.fixture
def chosen(home_page, sections, nghe_an):
    """A listable product and its producer, chosen on every kind of page that can choose."""
    producer = make_producer(name="HTX Ong mật Pù Mát")
    product = make_ocop_product(title=HONEY, producer=producer)
    other = make_ocop_product(title="Trà Vĩnh Hòa", producer=make_producer(name="Vĩnh Hòa"))

    home_page.featured_products = [HomeFeaturedProduct(product=product)]
    home_page.save_revision().publish()
    nghe_an.featured_products = [ProvinceFeaturedProduct(product=product)]
    nghe_an.featured_producers = [ProvinceFeaturedProducer(producer=producer)]
    nghe_an.save_revision().publish()
    blocks = [
        {"type": "products", "value": {"heading": "Nên mua", "products": [product.pk, other.pk]}},
        {"type": "producers", "value": {"heading": "Người làm", "producers": [producer.pk]}},
    ]
    pages = {
        "home": home_page,
        "province": nghe_an,
        "point_of_sale": make_point_of_sale(nghe_an, products=[product, other]),
        "tourism": make_tourism_page(nghe_an, service_product=product),
        "article": make_article(sections["news"], body=json.dumps(blocks)),
        "fair": make_fair(nghe_an, exhibitors=[producer]),
    }
    return {"product": product, "producer": producer, "pages": pages}


def shown(client, page) -> str:
    response = client.get(Page.objects.get(pk=page.pk).url)
    assert response.status_code == 200
    return response.text


def test_every_page_shows_the_listed_product(client, chosen):
    for name, page in chosen["pages"].items():
        html = shown(client, page)
        if name == "fair":
            assert "HTX Ong mật Pù Mát" in html
        else:
            assert HONEY in html, name


def test_a_revoked_product_disappears_from_every_page_at_once(client, chosen):
    product = chosen["product"]
    certificate_revoke(certificate=product.certificates.get(), reason="Vi phạm an toàn thực phẩm")

    for name, page in chosen["pages"].items():
        html = shown(client, page)
        assert HONEY not in html, name
    # The other product in the same blocks stays; nothing was edited.
    assert "Trà Vĩnh Hòa" in shown(client, chosen["pages"]["article"])
    assert "Trà Vĩnh Hòa" in shown(client, chosen["pages"]["point_of_sale"])
    # The tourism page still stands, without a booking card for a service that is not listed.
    assert "Đặt trải nghiệm OCOP này" not in shown(client, chosen["pages"]["tourism"])

    # Re-rated, it is back where the editors put it.
    certify(product, stars=3, decision_number="999/QĐ-UBND")
    assert HONEY in shown(client, chosen["pages"]["point_of_sale"])


def test_a_suspended_producer_leaves_fairs_and_province_pages(client, chosen):
    producer_suspend(producer=chosen["producer"], reason="Tạm đình chỉ để kiểm tra")

    for name in ("fair", "province", "article"):
        assert "HTX Ong mật Pù Mát" not in shown(client, chosen["pages"][name]), name
    # Its products went with it.
    assert HONEY not in shown(client, chosen["pages"]["home"])


def test_a_product_withdrawn_from_sale_leaves_the_province_figures(client, chosen):
    before = shown(client, chosen["pages"]["province"])
    product = chosen["product"]
    product.is_public = False
    product.save()

    after = client.get(chosen["pages"]["province"].url)
    assert after.context["figures"]["products"] == 1  # only the tea is left in Nghệ An
    assert HONEY in before and HONEY not in after.text
