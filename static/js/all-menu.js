// 전체메뉴 is a <details>: it opens and closes without this script. With it, Escape and a
// click elsewhere close it too, and focus returns to its toggle.
(function () {
  "use strict";
  var menu = document.getElementById("allmenu");
  if (!menu) return;
  var toggle = menu.querySelector("summary");

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      toggle.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
})();
