"""Adding to the basket as a shopper sees it: what the next page says (the product added and
the basket's new total, in Vietnamese), offers worked out once on the basket as it now is,
the stock and the listing rule still asked at every add."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.core.loading import get_model
from oscar.test.factories import create_offer
from PIL import Image

from tests.checkout import add_to_basket

pytestmark = pytest.mark.django_db

Line = get_model("basket", "Line")
Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
Range = get_model("offer", "Range")
ProductImage = get_model("catalogue", "ProductImage")
VN = ZoneInfo("Asia/Ho_Chi_Minh")  # the shop's day starts at midnight in Vietnam


def _messages(page):
    return " ".join(m.get_text(" ", strip=True) for m in page.html.select(".alert"))


def _ten_percent_off(**when):
    everything = Range.objects.create(name="Tất cả", includes_all_products=True)
    return create_offer(
        name="Giảm 10%",
        product_range=everything,
        condition=Condition.objects.create(range=everything, type=Condition.COUNT, value=1),
        benefit=Benefit.objects.create(range=everything, type=Benefit.PERCENTAGE, value=10),
        **when,
    )


def test_adding_again_grows_the_line_and_the_next_page_says_the_new_total(django_app, make_product):
    product = make_product(title="Cà phê Bích Thao", price=250000, stock=5)

    add_to_basket(django_app, product)
    page = add_to_basket(django_app, product)

    said = _messages(page)
    assert "Cà phê Bích Thao" in said
    assert "Tổng giỏ hàng của bạn hiện là 500.000\xa0₫" in said
    assert Line.objects.get(product=product).quantity == 2
    basket = django_app.get("/basket/")
    assert "500.000\xa0₫" in basket.text


def test_an_offer_is_counted_once_however_many_times_the_line_grows(django_app, make_product):
    _ten_percent_off()
    honey = make_product(title="Mật ong rừng thiên nhiên", price=100000, stock=10)
    tea = make_product(title="Trà hoa vàng Ba Chẽ", price=200000, stock=10)

    first = add_to_basket(django_app, honey)
    assert "Giảm 10%" in _messages(first)  # the shopper is told the offer now applies
    add_to_basket(django_app, tea)
    page = add_to_basket(django_app, honey)

    # 2 × 100.000 + 200.000, less 10% once: not the discount of an earlier add again.
    assert "Tổng giỏ hàng của bạn hiện là 360.000\xa0₫" in _messages(page)
    assert "360.000\xa0₫" in django_app.get("/basket/").text


def test_an_add_beyond_the_stock_is_refused_and_the_line_keeps_its_quantity(
    django_app, make_product
):
    product = make_product(title="Nước mắm sá sùng Quảng Ninh", price=420000, stock=2)
    add_to_basket(django_app, product, quantity=2)

    page = add_to_basket(django_app, product)

    assert "Tổng giỏ hàng" not in _messages(page)
    assert page.html.select(".alert-danger, .alert-error")  # the reason, as an error
    assert Line.objects.get(product=product).quantity == 2


def test_a_product_that_lapses_while_in_the_basket_cannot_be_added_again(django_app, make_product):
    product = make_product(title="Giò bê Nghệ An", price=180000, stock=10)
    add_to_basket(django_app, product)
    form = django_app.get(product.get_absolute_url()).forms["add_to_basket_form"]
    product.certificates.update(status="revoked")

    page = form.submit().maybe_follow()

    assert "thu hồi" in _messages(page)  # "Its OCOP certificate was revoked."
    assert Line.objects.get(product=product).quantity == 1


def test_a_line_removed_by_another_request_meanwhile_is_made_again(make_product):
    from shop.partner.strategy import Default

    product = make_product(title="Miến dong Bình Liêu", price=120000, stock=10)
    basket = get_model("basket", "Basket").objects.create()
    basket.strategy = Default()
    basket.add_product(product)
    basket.reset_offer_applications()
    assert basket.num_lines == 1  # this request has read the line...
    Line.objects.filter(basket=basket).delete()  # ...which another one then removes

    line, created = basket.add_product(product)

    assert created and Line.objects.get(basket=basket).quantity == 1
    assert basket.total_incl_tax == 120000


def test_at_midnight_a_certificate_that_lapsed_stops_the_next_add(django_app, make_product):
    """The listing rule's SQL is compiled once a day (catalog.selectors.ListingVerdict):
    the day after a certificate's last day, the same server refuses the add."""
    product = make_product(title="Chè Shan tuyết Hà Giang", price=300000, stock=10)
    last_day = product.certificates.get().valid_until
    evening = datetime.datetime.combine(last_day, datetime.time(23, 0), VN)
    just_after_midnight = evening + datetime.timedelta(hours=1, minutes=5)

    with time_machine.travel(evening, tick=False):
        assert "Chè Shan tuyết Hà Giang" in _messages(add_to_basket(django_app, product))
        form = django_app.get(product.get_absolute_url()).forms["add_to_basket_form"]
    with time_machine.travel(just_after_midnight, tick=False):
        page = form.submit().maybe_follow()
        basket = django_app.get("/basket/")

    assert "hết hiệu lực" in _messages(page)  # "Its OCOP certificate expired on …"
    assert last_day.strftime("%d/%m/%Y") in _messages(page)
    assert Line.objects.get(product=product).quantity == 1
    assert "Tổng giỏ hàng" not in _messages(page)
    # The basket page warns that the line is no longer for sale.
    assert "'Chè Shan tuyết Hà Giang' không còn bán nữa" in basket.html.select_one("main").text


def _with_picture(product):
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "gold").save(picture, "PNG")
    upload = SimpleUploadedFile(f"{product.slug}.png", picture.getvalue(), "image/png")
    ProductImage.objects.create(product=product, original=upload)
    return product


def test_the_basket_page_draws_each_line_with_its_picture_in_as_many_queries_for_three(
    client, make_product
):
    """Who made each line's product, its weight and its picture are fetched for all the
    lines at once (shop/shipping/plan.py; Basket.lines_with_pictures, for the pages that
    draw lines: adding to the basket does not fetch pictures)."""
    titles = ["Mật ong bạc hà", "Trà shan tuyết", "Nước mắm Phú Quốc"]
    queries = []
    for title in titles:
        product = _with_picture(make_product(title=title))
        client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
        client.get("/basket/")  # thumbnails are made and their names cached
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/basket/")
        queries.append(len(captured))
        print("QQ", len(captured), "\n".join(q["sql"][:160] for q in captured.captured_queries))

    assert queries[0] == queries[1] == queries[2]
    drawn = BeautifulSoup(page.content, "html.parser").select(".basket-line__image img")
    assert len(drawn) == 3
    assert all(img["src"].startswith(settings.MEDIA_URL) for img in drawn), drawn


def test_a_site_offer_applies_from_the_second_it_starts_and_stops_when_suspended(
    django_app, make_product
):
    """The shop asks for its site offers only while one is open (shop/basket/utils.py):
    when each starts and ends is cached, and forgotten whenever an offer is saved."""
    honey = make_product(title="Mật ong rừng thiên nhiên", price=100000, stock=10)
    no_offer_yet = _messages(add_to_basket(django_app, honey))  # the shop has none: cached
    start = timezone.now() + datetime.timedelta(seconds=30)
    offer = _ten_percent_off(start=start)

    with time_machine.travel(start - datetime.timedelta(seconds=20), tick=False):
        before = _messages(add_to_basket(django_app, honey))
    with time_machine.travel(start + datetime.timedelta(seconds=1), tick=False):
        started = _messages(add_to_basket(django_app, honey))
        offer.suspend()
        suspended = _messages(add_to_basket(django_app, honey))

    assert "100.000\xa0₫" in no_offer_yet
    assert "200.000\xa0₫" in before  # not started yet
    assert "270.000\xa0₫" in started  # 3 × 100.000, less 10%
    assert "400.000\xa0₫" in suspended  # 4 × 100.000: no discount any more
