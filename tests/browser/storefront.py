"""A small storefront as the demo draws it, for the phone and accessibility tests: the CMS
home page (Vietnamese and English), product groups in the category bar and six certified
products with real pictures (drawn by the demo's own generator, so their weight is real)."""

from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from shop.demo.loaders.catalog.images import product_image
from tests.factories import make_ocop_product, make_producer
from tests.factories.cms import make_sections, translate

Category = get_model("catalogue", "Category")
ProductImage = get_model("catalogue", "ProductImage")

GROUPS = ["Thực phẩm", "Đồ uống", "Dược liệu", "Thủ công mỹ nghệ", "Du lịch cộng đồng"]
PRODUCTS = [
    ("Nước mắm cá cơm Cửa Lò", 180000, 4, "#1f6f8b"),
    ("Mật ong rừng Pù Mát", 250000, 5, "#b7791f"),
    ("Trà hoa vàng Ba Chẽ", 650000, 5, "#2f855a"),
    ("Cam Vinh", 60000, 4, "#dd6b20"),
    ("Chả mực Hạ Long", 320000, 4, "#805ad5"),
    ("Rượu nếp Nghi Đức", 150000, 3, "#9b2c2c"),
]


def build_storefront() -> dict:
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = root.add_child(
        instance=HomePage(
            title="Chợ OCOP",
            slug="cho-ocop",
            locale=locale,
            hero_title="Sản phẩm OCOP chính hiệu từ khắp Việt Nam",
            hero_text="Mua trực tiếp từ hợp tác xã và hộ sản xuất được UBND tỉnh công nhận.",
        )
    )
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Chợ OCOP"},
    )
    make_sections(home)
    translate(home, title="OCOP Market", hero_title="Genuine OCOP products from all of Vietnam")
    groups = [Category.add_root(name=name) for name in GROUPS]
    producer = make_producer()
    products = []
    for position, (title, price, stars, colour) in enumerate(PRODUCTS):
        group = groups[position % 3]
        product = make_ocop_product(
            title=title, price=price, stars=stars, producer=producer, category=group
        )
        picture = product_image(
            title=title, group_name=group.name, colour=colour, stars=stars, seed=title
        )
        ProductImage.objects.create(
            product=product, original=ContentFile(picture, name=f"p{product.pk}.jpg")
        )
        products.append(product)
    return {"home": home, "products": products, "groups": groups}
