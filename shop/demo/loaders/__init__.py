"""The demo loaders, one per app, in the order `manage.py load_demo` runs them.

To add one: write `shop/demo/loaders/<app>.py` (or a package, for a big one) with
`load(demo: shop.demo.base.Demo) -> None` and its data file beside it, and add it to LOADERS
after the loaders whose rows it refers to. Every loader must be safe to run again.
"""

from shop.demo.loaders import catalog, checkout, cms, portal, shop

LOADERS = (
    shop,  # the admin first: later loaders verify and sign with it
    catalog,
    checkout,  # rate table and producers' shipping terms (after the producers)
    portal,  # producer and officer accounts, an application and a certificate to review
    cms,
)
