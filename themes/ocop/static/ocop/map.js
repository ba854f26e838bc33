/* The CMS map page: Leaflet markers from the page's GeoJSON over OpenStreetMap tiles.
   Without JavaScript the page is a filter form and a plain list; this only adds to it. */
(function () {
  "use strict";

  var canvas = document.getElementById("ocop-map");
  var form = document.querySelector("[data-map-filters]");
  var list = document.querySelector("[data-place-list]");
  var status = document.querySelector("[data-map-status]");

  // Filters apply at once: the server draws the list, the map follows the same query.
  if (form) {
    form.addEventListener("change", function () { form.submit(); });
  }

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) { node.className = className; }
    return node;
  }

  function popup(properties) {
    var box = document.createElement("div");
    box.appendChild(text("p", properties.kind_label + " · " + properties.province_name, "muted"));
    var title = document.createElement("a");
    title.href = properties.url;
    title.textContent = properties.title;
    var heading = document.createElement("strong");
    heading.appendChild(title);
    box.appendChild(heading);
    if (properties.detail) { box.appendChild(text("p", properties.detail)); }
    box.appendChild(text("p", properties.address));
    if (properties.open_now !== null) {
      var label = canvas.dataset[properties.open_now ? "openLabel" : "closedLabel"];
      box.appendChild(text("p", label, properties.open_now ? "open-status open-status--open" : "open-status open-status--closed"));
    }
    return box;
  }

  if (canvas && window.L) {
    canvas.hidden = false;
    // Việt Nam as a whole until the places are known.
    var map = L.map(canvas, { scrollWheelZoom: false }).setView([16.0, 106.0], 5);
    L.tileLayer(canvas.dataset.tiles, { maxZoom: 18, attribution: canvas.dataset.attribution }).addTo(map);
    fetch(canvas.dataset.geojson, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.json(); })
      .then(function (collection) {
        var layer = L.geoJSON(collection, {
          onEachFeature: function (feature, marker) { marker.bindPopup(popup(feature.properties)); }
        }).addTo(map);
        if (collection.features.length) { map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 13 }); }
      })
      .catch(function () { if (status) { status.textContent = canvas.dataset.errorLabel || ""; } });
  }

  // "Nearest to me first": only when the browser can and the visitor agrees.
  var nearMe = document.querySelector("[data-near-me]");
  if (nearMe && list && navigator.geolocation) {
    nearMe.hidden = false;
    nearMe.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        var here = [position.coords.latitude, position.coords.longitude];
        var items = Array.prototype.slice.call(list.querySelectorAll("li[data-lat]"));
        items.forEach(function (item) {
          item.distance = distanceKm(here, [parseFloat(item.dataset.lat), parseFloat(item.dataset.lng)]);
          var cell = item.querySelector("[data-distance]");
          if (cell) { cell.textContent = item.distance.toFixed(item.distance < 10 ? 1 : 0) + " km"; }
        });
        items.sort(function (a, b) { return a.distance - b.distance; });
        items.forEach(function (item) { list.appendChild(item); });
        if (status) { status.textContent = nearMe.dataset.sortedLabel || ""; }
      });
    });
  }

  function distanceKm(a, b) {
    var rad = Math.PI / 180, dLat = (b[0] - a[0]) * rad, dLng = (b[1] - a[1]) * rad;
    var h = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 12742 * Math.asin(Math.sqrt(h));
  }
}());
