/* Person picker: search box + hidden id, backed by organization:person_autocomplete (JSON). */
(function () {
  if (window.anquanPersonPicker) return;
  window.anquanPersonPicker = true;
  var timers = new WeakMap();

  function render(picker, results) {
    var box = picker.querySelector(".person-picker-results");
    box.innerHTML = "";
    results.forEach(function (r) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "list-group-item list-group-item-action";
      b.textContent = r.text;
      b.dataset.id = r.id;
      box.appendChild(b);
    });
  }

  document.addEventListener("input", function (e) {
    var input = e.target;
    if (!input.classList || !input.classList.contains("person-picker-input")) return;
    var picker = input.closest(".person-picker");
    picker.querySelector(".person-picker-value").value = "";
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () {
      var url = new URL(picker.dataset.url, window.location.href);  /* may carry ?scope= */
      url.searchParams.set("q", input.value);
      fetch(url.toString(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) { render(picker, data.results || []); });
    }, 200));
  });

  document.addEventListener("click", function (e) {
    var item = e.target.closest && e.target.closest(".person-picker-results .list-group-item");
    if (!item) return;
    var picker = item.closest(".person-picker");
    picker.querySelector(".person-picker-value").value = item.dataset.id;
    picker.querySelector(".person-picker-input").value = item.textContent;
    render(picker, []);
  });
})();
