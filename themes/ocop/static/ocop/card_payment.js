// Stripe's Payment Element on the card payment page: the card goes to Stripe, never to us;
// the order is marked paid by Stripe's signed webhook, not by this page.
(function () {
  var form = document.getElementById("card-form");
  if (!form || !window.Stripe) return;
  var stripe = Stripe(form.dataset.key);
  var elements = stripe.elements({clientSecret: form.dataset.clientSecret});
  elements.create("payment").mount("#payment-element");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    stripe.confirmPayment({elements: elements, confirmParams: {return_url: form.dataset.returnUrl}})
      .then(function (result) {
        if (result.error) { document.getElementById("card-error").textContent = result.error.message; }
      });
  });
})();
