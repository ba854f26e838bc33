from django.dispatch import Signal

# Sent after a change that may list or unlist a product (certificate issued, revoked,
# expired; producer verified or suspended). Receivers do side effects only: reindex.
product_listing_changed = Signal()  # kwargs: product
