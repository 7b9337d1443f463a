// Curated box slots: reorder by ↑/↓ buttons instead of typing numbers. The order inputs
// stay in the form (hidden) and are renumbered from the rows' order, so the server side
// is unchanged; without this script the order field is typed as before.
"use strict";
(function () {
  function rows(tbody) {
    return Array.from(tbody.querySelectorAll("tr.form-row")).filter(function (row) {
      return !row.classList.contains("empty-form");
    });
  }

  function renumber(tbody) {
    // Only rows with an article: a blank extra row given a number would count as filled in.
    var number = 0;
    rows(tbody).forEach(function (row) {
      var input = row.querySelector('input[name$="-order"]');
      var article = row.querySelector('select[name$="-article"]');
      if (input && article && article.value) input.value = String(++number);
    });
  }

  function button(label, direction, name) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "box-order__move";
    b.dataset.move = direction;
    b.textContent = label;
    b.setAttribute("aria-label", name);
    return b;
  }

  function enhance(row) {
    var input = row.querySelector('input[name$="-order"]');
    if (!input || row.querySelector(".box-order__move")) return;
    input.classList.add("box-order__input");
    input.setAttribute("tabindex", "-1");
    var cell = input.closest("td");
    cell.appendChild(button("↑", "up", "위로 옮기기"));
    cell.appendChild(button("↓", "down", "아래로 옮기기"));
  }

  function setUp(group) {
    var tbody = group.querySelector("tbody");
    if (!tbody) return;
    group.classList.add("box-order");
    rows(tbody).forEach(enhance);
    renumber(tbody);
    tbody.addEventListener("click", function (event) {
      var target = event.target.closest(".box-order__move");
      if (!target) return;
      var row = target.closest("tr");
      var list = rows(tbody);
      var index = list.indexOf(row);
      if (target.dataset.move === "up" && index > 0) {
        tbody.insertBefore(row, list[index - 1]);
      } else if (target.dataset.move === "down" && index < list.length - 1) {
        tbody.insertBefore(list[index + 1], row);
      }
      renumber(tbody);
      target.focus();
    });
  }

  document.addEventListener("formset:added", function (event) {
    var row = event.target;
    if (row && row.closest && row.closest("#slots-group")) {
      enhance(row);
      renumber(row.closest("tbody"));
    }
  });

  // A newly chosen article takes its place in the numbering.
  document.addEventListener("change", function (event) {
    var group = event.target.closest && event.target.closest("#slots-group");
    if (group && /-article$/.test(event.target.name)) renumber(group.querySelector("tbody"));
  });

  document.addEventListener("DOMContentLoaded", function () {
    var group = document.getElementById("slots-group");
    if (group) {
      setUp(group);
      // Autocomplete widgets change the select without a native event: number on submit too.
      var form = group.closest("form");
      if (form) form.addEventListener("submit", function () { renumber(group.querySelector("tbody")); });
    }
  });
})();
