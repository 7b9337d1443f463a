// The article form's tag field: the paper's tags in use, offered as one types (the part after
// the last comma), most used first; a press adds one. Keeps one spelling per tag. The list
// comes with the field (data-tag-suggestions); without this script the field is plain text.
(function () {
  "use strict";
  var SHOWN = 10;

  function setUp(input) {
    var known;
    try {
      known = JSON.parse(input.getAttribute("data-tag-suggestions") || "[]");
    } catch (error) {
      return;
    }
    if (!known.length) return;

    var box = document.createElement("div");
    box.className = "tag-suggestions";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "쓰던 태그");
    input.parentNode.insertBefore(box, input.nextSibling);

    function parts() {
      return input.value.split(",").map(function (part) { return part.trim(); });
    }

    function draw() {
      var all = parts();
      var typed = all[all.length - 1].toLowerCase();
      var chosen = all.slice(0, -1).map(function (part) { return part.toLowerCase(); });
      var offered = known.filter(function (name) {
        var lower = name.toLowerCase();
        return chosen.indexOf(lower) === -1 && lower !== typed && lower.indexOf(typed) !== -1;
      }).slice(0, SHOWN);
      box.textContent = "";
      if (!offered.length) return;
      var label = document.createElement("span");
      label.className = "tag-suggestions__label";
      label.textContent = typed ? "쓰던 태그:" : "자주 쓴 태그:";
      box.appendChild(label);
      offered.forEach(function (name) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "tag-suggestions__tag";
        button.textContent = name;
        button.addEventListener("click", function () {
          var kept = parts().slice(0, -1).filter(Boolean);
          kept.push(name);
          input.value = kept.join(", ") + ", ";
          input.dispatchEvent(new Event("input", { bubbles: true }));
          input.focus();
        });
        box.appendChild(button);
      });
    }

    input.addEventListener("input", draw);
    draw();
  }

  function ready() {
    document.querySelectorAll("#article_form input[data-tag-suggestions]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
