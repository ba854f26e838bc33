// Small page behaviours, written here instead of inline on*= attributes, which the
// Content-Security-Policy refuses (docs/RELIABILITY.md):
//   data-submit-on-change   a <select> that submits its form when changed (language)
//   data-navigate-on-change a <select> whose option values are addresses (sort order)
//   data-print              a button that prints the page (QR labels, order summary)
//   data-history-back       a link that goes back one page (form "cancel")
//   data-close-window       a link that closes its popup window (dashboard "Cancel" in a popup)
(function () {
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches("[data-submit-on-change]") && el.form) el.form.submit();
    if (el.matches("[data-navigate-on-change]")) window.location = el.value;
  });
  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-print], [data-history-back], [data-close-window]");
    if (!el) return;
    event.preventDefault();
    if (el.hasAttribute("data-print")) window.print();
    else if (el.hasAttribute("data-close-window")) window.close();
    else window.history.back();
  });
})();
