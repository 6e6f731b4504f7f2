/* Autocomplete for inputs with data-person-picker: fills the shared <datalist id="people-options"> from
   its data-url (organization:person_autocomplete, scoped to the people the user may list). */
(function () {
  "use strict";
  var list = document.getElementById("people-options");
  if (!list || list.dataset.ready) return;
  list.dataset.ready = "1";
  var timer = null;
  document.addEventListener("input", function (ev) {
    var el = ev.target;
    if (!el.matches || !el.matches("[data-person-picker]")) return;
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (!el.value || el.value.indexOf(" · ") > 0) return;
      fetch(list.dataset.url + "?q=" + encodeURIComponent(el.value), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          list.innerHTML = "";
          data.results.forEach(function (p) {
            var o = document.createElement("option");
            o.value = p.username + " · " + p.text;
            list.appendChild(o);
          });
        });
    }, 150);
  });
})();
