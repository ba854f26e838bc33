import oscar.apps.checkout.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.checkout"

    def ready(self):
        super().ready()
        self.card_payment_view = get_class("checkout.views", "CardPaymentView")
        self.communes_view = get_class("checkout.views", "communes")

    def get_urls(self):
        from shop.payments.stripe.webhooks import stripe_webhook

        return super().get_urls() + [
            path("communes/", self.communes_view, name="communes"),
            path("pay/<str:number>/", self.card_payment_view.as_view(), name="card-payment"),
            path("stripe/webhook/", stripe_webhook, name="stripe-webhook"),
        ]
