// 많이 본 뉴스 tabs: each tab is a link to a page showing it (?most=7d); here a click shows the
// other list in place, since both are already in the page.
(function () {
  "use strict";
  document.querySelectorAll("[data-tabs]").forEach(function (box) {
    var links = box.querySelectorAll("[data-tab]");
    var panels = box.querySelectorAll("[data-tab-panel]");
    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        var tab = link.getAttribute("data-tab");
        event.preventDefault();
        links.forEach(function (other) {
          if (other === link) other.setAttribute("aria-current", "true");
          else other.removeAttribute("aria-current");
        });
        panels.forEach(function (panel) {
          panel.hidden = panel.getAttribute("data-tab-panel") !== tab;
        });
      });
    });
  });
})();
