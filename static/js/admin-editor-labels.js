// django-prose-editor names its block styles in English in code (no gettext for these);
// give editors the Korean names. Runs in the admin only.
(function () {
  "use strict";
  var LABELS = { heading2: "소제목", heading3: "작은 소제목", paragraph: "본문" };

  function relabel() {
    document.querySelectorAll(".prose-menubar__option[data-name]").forEach(function (option) {
      var label = LABELS[option.getAttribute("data-name")];
      var text = option.firstElementChild;
      // Only write when different, so the observer below settles after one pass.
      if (label && text && text.textContent !== label) text.textContent = label;
    });
  }

  new MutationObserver(relabel).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", relabel);
})();
