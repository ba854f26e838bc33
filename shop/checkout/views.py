"""Oscar's checkout steps, for Vietnam: a Vietnamese address, a payment method the shop
offers, a preview of each producer's parcel, and an order placed with its one payment.
The rules live elsewhere (OrderCreator, shop/shipping, shop/payments); these views ask."""

import hashlib

from django import http
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.checkout import views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.apps.payment.exceptions import UnableToTakePayment
from oscar.core.loading import get_class, get_model

from catalog.models import Commune
from shop.checkout.forms import PaymentMethodForm
from shop.order import notifications
from shop.payments import services
from shop.payments.base import configured_methods, get_method
from shop.payments.models import Payment
from shop.payments.stripe import facade
from shop.shipping.plan import plan

CheckoutSessionMixin = get_class("checkout.session", "CheckoutSessionMixin")
Order = get_model("order", "Order")

IndexView = views.IndexView
UserAddressUpdateView = views.UserAddressUpdateView
UserAddressDeleteView = views.UserAddressDeleteView


class ShippingMethodView(views.ShippingMethodView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if getattr(self, "_methods", None) == []:
            # Oscar says only "shipping is unavailable"; say which producer and why.
            address = self.get_shipping_address(request.basket)
            reasons = {g.problem for g in plan(request.basket, address.province) if g.problem}
            for reason in sorted(reasons):
                messages.warning(request, reason)
        return response


class ShippingAddressView(views.ShippingAddressView):
    def get_initial(self):
        initial = dict(self.checkout_session.new_shipping_address_fields() or {})
        for field in ("province", "commune"):
            if f"{field}_id" in initial:
                initial[field] = initial.pop(f"{field}_id")
        initial.pop("country_id", None)
        return initial

    def post(self, request, *args, **kwargs):
        if "choose_province" in request.POST:
            # No JavaScript: the shopper chose a province; show its communes, keep the rest.
            form = self.get_form_class()(initial=request.POST.dict())
            return self.render_to_response(self.get_context_data(form=form))
        return super().post(request, *args, **kwargs)


def communes(request):
    """The communes of a province, for the address form's script."""
    try:
        province = int(request.GET.get("province", ""))
    except ValueError:
        return http.JsonResponse({"communes": []})
    rows = Commune.objects.filter(province=province).values_list("pk", "name")
    return http.JsonResponse({"communes": [{"code": pk, "name": name} for pk, name in rows]})


class OrderTotalMixin:
    def order_total(self) -> int:
        submission = self.build_submission()
        return int(submission["order_total"].incl_tax) if submission["order_total"] else 0


class PaymentMethodView(OrderTotalMixin, CheckoutSessionMixin, generic.FormView):
    template_name = "oscar/checkout/payment_method.html"
    form_class = PaymentMethodForm
    pre_conditions = [
        "check_basket_is_not_empty",
        "check_basket_is_valid",
        "check_user_email_is_captured",
        "check_shipping_data_is_captured",
    ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(methods=configured_methods(), total=self.order_total())
        kwargs["initial"] = {"method": self.checkout_session.payment_method()}
        return kwargs

    def form_valid(self, form):
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return redirect("checkout:preview")


def preview_fingerprint(basket, groups, method_code) -> str:
    """What the shopper saw on the preview: lines, prices, each parcel's charge, method.
    The place-order form carries it; a different basket or amount is refused."""
    parts = [str(basket.pk), method_code or ""]
    for line in basket.all_lines():
        parts.append(f"{line.pk}:{line.product_id}:{line.quantity}:{int(line.unit_price_incl_tax)}")
    parts += [f"{g.producer.pk}:{g.charge}" for g in groups]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


class PaymentDetailsView(OrderTotalMixin, views.PaymentDetailsView):
    """Only the preview and the placing of the order: no payment details are typed here
    (a card is entered on Stripe's element once the order exists)."""

    def get(self, request, *args, **kwargs):
        if not self.preview:
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def chosen_method(self):
        return get_method(self.checkout_session.payment_method() or "")

    def check_payment_data_is_captured(self, request):
        method = self.chosen_method()
        if method is None:
            raise FailedPreCondition(
                url=reverse("checkout:payment-method"), message=_("Choose how you will pay.")
            )
        offer = method.offer(total=self.order_total())
        if not offer.allowed:
            raise FailedPreCondition(url=reverse("checkout:payment-method"), message=offer.reason)

    def groups(self):
        address = self.get_shipping_address(self.request.basket)
        return plan(self.request.basket, getattr(address, "province", None))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        groups = self.groups()
        method = self.chosen_method()
        ctx.update(
            groups=groups,
            payment_method=method,
            fingerprint=preview_fingerprint(self.request.basket, groups, method and method.code),
        )
        return ctx

    def handle_place_order_submission(self, request):
        method = self.chosen_method()
        expected = preview_fingerprint(request.basket, self.groups(), method and method.code)
        if request.POST.get("fingerprint") != expected:
            return self.render_preview(
                request,
                error=_(
                    "Your basket or its total changed since you reviewed it. "
                    "Please check the order below and place it again."
                ),
            )
        return super().handle_place_order_submission(request)

    def build_submission(self, **kwargs):
        submission = super().build_submission(**kwargs)
        submission["order_kwargs"]["language"] = get_language() or settings.LANGUAGE_CODE
        return submission

    def handle_payment(self, order_number, total, **kwargs):
        method = self.chosen_method()
        if method is None:
            raise UnableToTakePayment(_("Choose how you will pay."))
        offer = method.offer(total=int(total.incl_tax))
        if not offer.allowed:
            raise UnableToTakePayment(offer.reason)

    def render_payment_details(self, request, **kwargs):
        # There is no payment details page: a refusal is shown on the preview.
        return self.render_preview(request, **kwargs)

    def get_initial_order_status(self, basket):
        return self.chosen_method().initial_order_status

    def place_order(self, *args, **kwargs):
        with transaction.atomic():
            order = super().place_order(*args, **kwargs)
            services.payment_open(order=order, method=self.chosen_method())
        return order

    def handle_successful_order(self, order):
        self._next_url = self.chosen_method().next_url(order=order)
        response = super().handle_successful_order(order)
        if order.guest_email:
            # The guest's order page (Oscar's) opens for the session that knows its email.
            self.request.session["anon_order_email"] = order.guest_email
        return response

    def get_success_url(self):
        return getattr(self, "_next_url", None) or reverse("checkout:thank-you")

    def send_order_placed_email(self, order):
        notifications.queue(order, notifications.ORDER_PLACED)


class ThankYouView(views.ThankYouView):
    pass


def order_for_shopper(request, number):
    """The order the shopper in this browser may see: theirs if signed in, or the one
    this session just placed."""
    order = get_object_or_404(Order, number=number)
    mine = request.user.is_authenticated and order.user_id == request.user.pk
    if not mine and request.session.get("checkout_order_id") != order.pk:
        raise PermissionDenied
    return order


class CardPaymentView(generic.TemplateView):
    """Stripe's Payment Element for an order awaiting a card payment. Returning from it
    shows the order; only Stripe's webhook marks it paid."""

    template_name = "oscar/checkout/card_payment.html"

    def get(self, request, *args, **kwargs):
        order = order_for_shopper(request, kwargs["number"])
        payment = order.payment
        if payment.method != Payment.Method.STRIPE or payment.status != Payment.Status.AWAITING:
            return redirect("checkout:thank-you")
        try:
            attempt = facade.open_attempt(payment=payment)
        except facade.stripe.StripeError:
            messages.error(request, _("Card payments are unavailable right now. Please try again."))
            return redirect("checkout:thank-you")
        return self.render_to_response(
            self.get_context_data(
                order=order,
                payment=payment,
                client_secret=attempt.client_secret,
                publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
                return_url=request.build_absolute_uri(reverse("checkout:thank-you")),
            )
        )
