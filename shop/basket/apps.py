import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    name = "shop.basket"

    def ready(self):
        super().ready()
        from shop.basket import utils  # noqa: F401  (forgets site offers' times when saved)
