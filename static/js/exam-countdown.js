/* The exam page's countdown: #countdown[data-seconds] counts down and submits #exam-form at zero. */
(function () {
  "use strict";
  var el = document.getElementById("countdown");
  var form = document.getElementById("exam-form");
  if (!el || !form) return;
  var left = parseInt(el.dataset.seconds, 10);
  function show() {
    var m = Math.floor(left / 60), s = left % 60;
    el.textContent = m + ":" + (s < 10 ? "0" : "") + s;
  }
  show();
  var timer = setInterval(function () {
    left -= 1;
    if (left <= 0) {
      clearInterval(timer);
      left = 0;
      show();
      form.submit();
      return;
    }
    show();
  }, 1000);
})();
