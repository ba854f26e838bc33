// The commune list follows the province without a page load; without this script the
// "Show communes" button reloads the form with them.
(function () {
  document.querySelectorAll("select[data-communes-for]").forEach(function (province) {
    var form = province.form;
    var commune = form.querySelector("select[name$='" + province.dataset.communesFor + "']");
    form.querySelectorAll(".js-hide").forEach(function (el) { el.hidden = true; });
    province.addEventListener("change", function () {
      var url = "/checkout/communes/?province=" + encodeURIComponent(province.value);
      fetch(url).then(function (r) { return r.json(); }).then(function (data) {
        var first = commune.options[0];
        commune.innerHTML = "";
        commune.appendChild(first);
        data.communes.forEach(function (c) {
          var option = document.createElement("option");
          option.value = c.code;
          option.textContent = c.name;
          commune.appendChild(option);
        });
      });
    });
  });
})();
