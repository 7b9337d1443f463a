// The body editor: 글자 수 (with and without spaces), 단어 수 and 200자 원고지 매수 under it,
// kept up to date while typing; and the browser's spellcheck, which the editor turns off.
(function () {
  "use strict";

  function number(value) {
    return value.toLocaleString("ko-KR");
  }

  function attach(editor) {
    if (editor.hasAttribute("data-counted")) return;
    editor.setAttribute("data-counted", "");
    editor.setAttribute("spellcheck", "true");
    editor.setAttribute("lang", "ko");

    var counts = document.createElement("p");
    counts.className = "body-counts";
    var host = editor.closest(".prose-editor") || editor.parentNode;
    host.parentNode.insertBefore(counts, host.nextSibling);

    function update() {
      var text = (editor.innerText || "").replace(/\u200b/g, "");
      var characters = Array.from(text.replace(/\n/g, "")).length;
      var withoutSpaces = Array.from(text.replace(/\s/g, "")).length;
      var words = (text.match(/\S+/g) || []).length;
      var sheets = Math.ceil(characters / 200);
      var line = "글자 수 " + number(characters) + "자 (공백 제외 " + number(withoutSpaces) +
        "자) · 단어 " + number(words) + "개 · 200자 원고지 " + number(sheets) + "매";
      if (counts.textContent !== line) counts.textContent = line;
    }
    update();
    new MutationObserver(update).observe(editor, {
      childList: true,
      subtree: true,
      characterData: true
    });
  }

  function scan() {
    document.querySelectorAll("#article_form .ProseMirror[contenteditable]").forEach(attach);
  }

  // The editor is drawn by a module after the page loads.
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", scan);
})();
