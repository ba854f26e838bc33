// Header search box: suggestions from /search/suggest/ as the shopper types (accents
// optional). Picking one opens its product page.
(function () {
  var input = document.getElementById("site-search-q");
  var list = document.getElementById("site-search-suggestions");
  if (!input || !list || !window.fetch) return;
  var timer = null, urls = {};
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (urls[q]) { window.location = urls[q]; return; }  // a suggestion was picked
    if (q.length < 2) { list.innerHTML = ""; return; }
    timer = setTimeout(function () {
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q))
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          list.innerHTML = "";
          data.suggestions.forEach(function (s) {
            urls[s.title] = s.url;
            var option = document.createElement("option");
            option.value = s.title;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 150);
  });
})();
