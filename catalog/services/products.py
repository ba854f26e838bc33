"""Writes of a producer's own listings: the product (Oscar's), its one stock record (price
in VND, stock level), its pictures, and whether it is shown. Validated whole before
anything is saved; stock and price change under a row lock on the stock record.

Whether a product is *sold* is not decided here: a public product lists only once the
listing rule (catalog.selectors) holds, that is once a certificate is verified and valid.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from catalog import audit, signals
from catalog.models import ProductGroup
from catalog.product_classes import GOODS, SERVICES
from catalog.translation import as_columns

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

# The product's own fields a producer edits: "title" and "description" are the Vietnamese
# text of record, "title_en" and "description_en" what English pages show (empty: the
# Vietnamese, marked as such). The producer's ProductForm names the same fields.
PRODUCT_FIELDS = ("title", "description", "title_en", "description_en", "is_public")
TITLES = ("title", "title_en")

CURRENCY = "VND"
MAX_PRICE = 1_000_000_000  # VND: a typing slip (an extra 000) is refused, not listed


def is_service_group(category) -> bool:
    """Community tourism (group 6) is booked, not shipped: its products are services."""
    categories = [category, *category.get_ancestors()]
    return ProductGroup.objects.filter(category__in=categories, is_service=True).exists()


def _check_price_and_stock(*, price: int, num_in_stock: int) -> dict:
    errors = {}
    if price is None or not 1_000 <= price <= MAX_PRICE:
        errors["price"] = [
            _("Give the price in đồng, from 1.000 to %(max)s.") % {"max": currency(MAX_PRICE)}
        ]
    if num_in_stock is None or num_in_stock < 0:
        errors["num_in_stock"] = [_("The stock level cannot be negative.")]
    return errors


def _set_fields(product, fields: dict) -> None:
    unknown = set(fields) - set(PRODUCT_FIELDS)
    if unknown:
        raise TypeError(f"a producer cannot set {', '.join(sorted(unknown))}")
    fields = {
        name: (value or "").strip() if name in TITLES else value for name, value in fields.items()
    }
    for column, value in as_columns(Product, fields).items():
        setattr(product, column, value)


def _changed(product) -> None:
    signals.product_listing_changed.send(sender=Product, product=product)


@transaction.atomic
def product_create(
    *,
    producer,
    product_group,
    price: int,
    num_in_stock: int,
    by,
    images: list = (),
    **fields,
) -> Product:
    """A new product of `producer`: Oscar product (goods, or a service for tourism) with its
    PRODUCT_FIELDS, its OCOP group as category, one stock record of the producer's
    partner, its pictures."""
    slug = SERVICES if is_service_group(product_group) else GOODS
    product = Product(
        product_class=ProductClass.objects.get(slug=slug), structure=Product.STANDALONE
    )
    _set_fields(product, fields)
    errors = _check_price_and_stock(price=price, num_in_stock=num_in_stock)
    try:
        product.full_clean(exclude=["slug", "upc"])  # producers set neither
    except ValidationError as error:
        errors.update(error.message_dict)
    pictures = [ProductImage(original=upload) for upload in images]
    for picture in pictures:
        try:
            picture.full_clean(exclude=["product"])
        except ValidationError as error:
            errors.setdefault("images", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    with audit.acting(by), translation.override(settings.LANGUAGE_CODE):
        product.save()  # its slug from the Vietnamese title, whatever the page's language
        ProductCategory.objects.create(product=product, category=product_group)
        StockRecord.objects.create(
            product=product,
            partner=producer.partner,
            partner_sku=f"{producer.partner.code}-{product.pk}"[:128],
            price=Decimal(price),
            price_currency=CURRENCY,
            num_in_stock=num_in_stock,
        )
        for position, picture in enumerate(pictures):
            picture.product = product
            picture.display_order = position
            picture.save()
    _changed(product)
    return product


@transaction.atomic
def product_update(
    *,
    product,
    by,
    product_group,
    **fields,
) -> Product:
    """What a producer may change of its product's listing: PRODUCT_FIELDS and its group
    (price and stock: stock_set)."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    _set_fields(product, fields)
    product.full_clean(exclude=["slug", "upc"])  # producers set neither
    with audit.acting(by):
        product.save()
        current = set(product.categories.values_list("pk", flat=True))
        if current != {product_group.pk}:
            product.categories.set([product_group])
    _changed(product)
    return product


@transaction.atomic
def stock_set(
    *, stockrecord, by, num_in_stock: int | None = None, price: int | None = None
) -> StockRecord:
    """Sets the stock level and/or the price (VND) under a row lock. The stock level may not
    fall below what is already promised to placed orders (Oscar's num_allocated)."""
    record = StockRecord.objects.select_for_update().get(pk=stockrecord.pk)
    num_in_stock = record.num_in_stock if num_in_stock is None else num_in_stock
    price = int(record.price) if price is None else price
    errors = _check_price_and_stock(price=price, num_in_stock=num_in_stock)
    allocated = record.num_allocated or 0
    if not errors.get("num_in_stock") and num_in_stock < allocated:
        errors["num_in_stock"] = [
            _("%(allocated)s are already promised to orders: the stock cannot be lower.")
            % {"allocated": allocated}
        ]
    if errors:
        raise ValidationError(errors)
    changed = []
    if record.num_in_stock != num_in_stock:
        record.num_in_stock = num_in_stock
        changed.append("num_in_stock")
    if record.price is None or int(record.price) != price:
        record.price = Decimal(price)
        changed.append("price")
    if changed:
        with audit.acting(by):
            record.save(update_fields=[*changed, "date_updated"])
        _changed(record.product)
    return record


@transaction.atomic
def product_image_add(*, product, image, by, caption: str = "") -> ProductImage:
    picture = ProductImage(
        product=product,
        original=image,
        caption=caption,
        display_order=product.images.count(),
    )
    picture.full_clean()
    with audit.acting(by):
        picture.save()
    _changed(product)
    return picture


@transaction.atomic
def product_image_remove(*, image, by) -> None:
    product = image.product
    with audit.acting(by):
        image.delete()
    _changed(product)
