/* Phone layout of list tables (see .table-stack in css/anquan.css): label every cell with its column's
   heading, carry the heading's stack-* classes (stack-key, stack-title, stack-hide) to the cells of its
   column, and mark empty cells (stack-empty) so the card shows no bare label. Runs on page load and on every htmx swap, so filtered and paged tables stay labelled. */
(function () {
  "use strict";

  function headings(table) {
    var row = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    var columns = [];
    if (!row) return columns;
    Array.prototype.forEach.call(row.cells, function (th) {
      var span = th.colSpan || 1;
      var stack = Array.prototype.filter.call(th.classList, function (c) { return c.indexOf("stack-") === 0; });
      for (var i = 0; i < span; i++) columns.push({ label: th.textContent.trim(), stack: stack });
    });
    return columns;
  }

  function label(table) {
    var columns = headings(table);
    if (!columns.length) return;
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var index = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var column = columns[index];
          index += cell.colSpan || 1;
          if (!column || cell.colSpan > 1) return;
          if (!cell.hasAttribute("data-label")) cell.setAttribute("data-label", column.label);
          column.stack.forEach(function (c) { cell.classList.add(c); });
          if (!cell.textContent.trim() && !cell.querySelector("a, button, input, select, img, svg, i")) {
            cell.classList.add("stack-empty");  // nothing to show: no bare label on the phone card
          }
        });
      });
    });
  }

  function labelAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    if (scope.matches && scope.matches("table.table-stack")) label(scope);
    Array.prototype.forEach.call(scope.querySelectorAll("table.table-stack"), label);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { labelAll(document); });
  } else {
    labelAll(document);
  }
  document.addEventListener("htmx:load", function (event) { labelAll(event.target); });
})();
