// The side boxes (주요뉴스, e스튜디오, 많이 본 뉴스, 뉴스발전소).
//
// A page is kept until an edit to what it shows purges it: it shows the boxes as they were
// when it was drawn. The boxes as they are now are a small page of their own, kept a minute
// (articles/views/live.py): take them from there.
//
// 많이 본 뉴스 tabs: each tab is a link to a page showing it (?most=7d); here a click shows
// the other list in place, since both are in the page.
(function () {
  "use strict";

  function bindTabs(root) {
    root.querySelectorAll("[data-tabs]").forEach(function (box) {
      var links = box.querySelectorAll("[data-tab]");
      var panels = box.querySelectorAll("[data-tab-panel]");
      links.forEach(function (link) {
        link.addEventListener("click", function (event) {
          event.preventDefault();
          show(box, link.getAttribute("data-tab"));
        });
      });
    });
  }

  function show(box, tab) {
    box.querySelectorAll("[data-tab]").forEach(function (link) {
      if (link.getAttribute("data-tab") === tab) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
    box.querySelectorAll("[data-tab-panel]").forEach(function (panel) {
      panel.hidden = panel.getAttribute("data-tab-panel") !== tab;
    });
  }

  function shownTabs(root) {
    var tabs = {};
    root.querySelectorAll("[data-tabs]").forEach(function (box) {
      var current = box.querySelector('[data-tab][aria-current="true"]');
      if (box.id && current) tabs[box.id] = current.getAttribute("data-tab");
    });
    return tabs;
  }

  function replace(root, fresh) {
    // The reader's tab stays as it was while the lists are replaced.
    var tabs = shownTabs(root);
    root.innerHTML = fresh.innerHTML;
    Object.keys(tabs).forEach(function (id) {
      var box = root.querySelector("#" + id);
      if (box) show(box, tabs[id]);
    });
    bindTabs(root);
  }

  // One request per address: beside an article, its 주요뉴스 and its side column come together.
  function refresh(url, roots) {
    fetch(url)
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        roots.forEach(function (root) {
          var name = root.getAttribute("data-side-boxes");
          var fresh = doc.querySelector('[data-side-boxes="' + name + '"]');
          if (fresh) replace(root, fresh);
        });
      })
      .catch(function () { /* the boxes of when the page was drawn stay */ });
  }

  var byUrl = {};
  document.querySelectorAll("[data-side-boxes]").forEach(function (root) {
    bindTabs(root);
    var url = root.getAttribute("data-live-url");
    if (url) (byUrl[url] = byUrl[url] || []).push(root);
  });
  if (window.fetch && window.DOMParser) {
    Object.keys(byUrl).forEach(function (url) { refresh(url, byUrl[url]); });
  }
})();
