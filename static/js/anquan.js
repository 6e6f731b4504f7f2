/* Behaviour shared by every page, wired by data attributes: the Content-Security-Policy allows no inline
   script or event handler (onclick=…), so pages say what they need and this file does it.

   data-autosubmit           on a select/input: submit its form when it changes (language, filters)
   data-print                on a button: print the page
   data-select-on-click      on an input: select its text when clicked (a link to copy)
   data-history-back         on a link: go back in history (the href is the fallback)
   data-formset-add="<id>"   on a button: append a copy of <template id="<id>">, replacing __prefix__
                             with the next form number, to data-formset-target, and count it in
                             the management form's TOTAL_FORMS (data-formset-total) */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]") && el.form) {
      el.form.submit();
    }
  });

  document.addEventListener("click", function (event) {
    var el = event.target.closest ? event.target.closest("[data-print], [data-select-on-click], [data-history-back], [data-formset-add]") : null;
    if (!el) return;
    if (el.hasAttribute("data-print")) {
      window.print();
    } else if (el.hasAttribute("data-select-on-click")) {
      el.select();
    } else if (el.hasAttribute("data-history-back")) {
      if (window.history.length > 1) {
        event.preventDefault();
        window.history.back();
      }
    } else if (el.hasAttribute("data-formset-add")) {
      var template = document.getElementById(el.getAttribute("data-formset-add"));
      var target = document.getElementById(el.getAttribute("data-formset-target"));
      var total = document.getElementById(el.getAttribute("data-formset-total"));
      if (!template || !target || !total) return;
      var n = parseInt(total.value, 10);
      target.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, n));
      total.value = n + 1;
    }
  });
})();
