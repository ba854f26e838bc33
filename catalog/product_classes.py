"""The two kinds of OCOP product as Oscar product classes: goods, shipped from stock, and
community-tourism services (group 6), booked for a date and a party size, never shipped."""

GOODS = "san-pham-ocop"
SERVICES = "dich-vu-du-lich-cong-dong"

PRODUCT_CLASSES = {
    GOODS: {"name": "Sản phẩm OCOP", "requires_shipping": True, "track_stock": True},
    SERVICES: {
        "name": "Dịch vụ du lịch cộng đồng",
        "requires_shipping": False,
        "track_stock": False,
    },
}
# What the basket form asks for a booking (Oscar product options).
BOOKING_OPTIONS = {
    "arrival-date": {
        "name": "Ngày đến",
        "type": "date",
        "required": True,
        "order": 1,
        "help_text": "Ngày quý khách đến bản.",
    },
    "party-size": {
        "name": "Số khách",
        "type": "integer",
        "required": True,
        "order": 2,
        "help_text": "Số người trong đoàn.",
    },
}


def ensure_product_classes(ProductClass, Option) -> dict:
    """Creates or updates both classes and the booking options; returns classes by slug.
    Takes the model classes so the data migration can pass its historical models."""
    options = [
        Option.objects.update_or_create(code=code, defaults=values)[0]
        for code, values in BOOKING_OPTIONS.items()
    ]
    classes = {}
    for slug, values in PRODUCT_CLASSES.items():
        classes[slug], _ = ProductClass.objects.update_or_create(slug=slug, defaults=values)
    classes[SERVICES].options.set(options)
    classes[GOODS].options.set([])
    return classes
