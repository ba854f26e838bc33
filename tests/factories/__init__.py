"""Test data built through the same services the shop uses, so tests see real rules."""

import datetime
import io
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model
from oscar.test.factories import create_product
from pypdf import PdfWriter

from catalog.models import Certificate, Commune, Producer, Province
from catalog.services.certificates import certificate_issue
from catalog.services.producers import producer_register, producer_verify

StockRecord = get_model("partner", "StockRecord")

NGHE_AN = 40


def pdf_scan() -> bytes:
    """A PDF as a scanner makes it (one blank A4 page): what the upload rule parses."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_producer(*, name="HTX Mật ong Con Cuông", code=None, verified=True, **fields):
    province = fields.pop("province", None) or Province.objects.get(code=NGHE_AN)
    producer = producer_register(
        legal_name=name,
        partner_code=code or f"p-{Producer.objects.count() + 1}",
        entity_type=fields.pop("entity_type", Producer.EntityType.COOPERATIVE),
        registration_number=fields.pop("registration_number", f"29{Producer.objects.count():08d}"),
        province=province,
        commune=fields.pop("commune", Commune.objects.filter(province=province).first()),
        **fields,
    )
    if verified:
        producer_verify(producer=producer, by=None)
    return producer


def certify(product, *, stars=4, decision_date=None, valid_until=None, **fields):
    decision_date = decision_date or timezone.localdate() - datetime.timedelta(days=100)
    level = Certificate.Level.CENTRAL if stars == 5 else Certificate.Level.PROVINCE
    score = {1: 20, 2: 40, 3: 60, 4: 80, 5: 95}[stars]
    return certificate_issue(
        product=product,
        stars=stars,
        score=fields.pop("score", score),
        criteria_version=fields.pop("criteria_version", Certificate.CriteriaVersion.D148),
        level=fields.pop("level", level),
        issuing_body=fields.pop("issuing_body", "UBND tỉnh Nghệ An"),
        decision_number=fields.pop(
            "decision_number", f"{Certificate.objects.count() + 100}/QĐ-UBND"
        ),
        decision_date=decision_date,
        valid_until=valid_until,
        **fields,
    )


def make_ocop_product(
    *,
    title="Mật ong rừng thiên nhiên",
    price=150000,
    stock=10,
    stars=4,
    producer=None,
    category=None,
    product_class="Sản phẩm OCOP",
    **certificate_fields,
):
    """A product as a shopper meets it: sold by a verified producer, holding a certificate."""
    producer = producer or make_producer()
    product = create_product(title=title, product_class=product_class)
    StockRecord.objects.create(
        product=product,
        partner=producer.partner,
        partner_sku=f"SKU-{product.pk}",
        price=Decimal(price),
        price_currency="VND",
        num_in_stock=stock,
    )
    if category is not None:
        product.categories.add(category)
    if stars:
        certify(product, stars=stars, **certificate_fields)
    return product
