// The photo rows' 위치 choices follow the body as it is being written: "2문단 뒤: first
// words" is computed on the server from the saved body, so a paragraph typed since would
// otherwise be offered by number only, and an edited one under its old words.
(function () {
  "use strict";
  var WORDS = 28; // as Truncator(words).chars(28) on the server

  function ready(run) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }

  function blocksOf(root) {
    // Top-level elements are paragraphs; stray text sticks to the next one (articles/body.py).
    var blocks = [];
    var pending = "";
    root.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        blocks.push((pending + " " + node.textContent).trim());
        pending = "";
      } else if (node.nodeType === Node.TEXT_NODE) {
        pending += node.textContent;
      }
    });
    if (pending.trim()) blocks.push(pending.trim());
    return blocks.map(function (text) { return text.split(/\s+/).join(" ").trim(); });
  }

  function label(number, words) {
    var head = number + "문단 뒤";
    if (!words) return head;
    if (Array.from(words).length > WORDS) words = Array.from(words).slice(0, WORDS - 1).join("") + "…";
    return head + ": " + words;
  }

  ready(function () {
    var form = document.getElementById("article_form");
    var textarea = document.getElementById("id_body");
    if (!form || !textarea) return;

    function currentBlocks() {
      var live = textarea.parentElement && textarea.parentElement.querySelector(".ProseMirror[contenteditable]");
      if (live) return blocksOf(live);
      var parsed = new DOMParser().parseFromString(textarea.value, "text/html");
      return blocksOf(parsed.body);
    }

    function refresh() {
      var blocks = currentBlocks();
      form.querySelectorAll('select[name$="-placement"]').forEach(function (select) {
        select.querySelectorAll("option").forEach(function (option) {
          var number = parseInt(option.value, 10);
          if (!(number >= 1)) return;
          var text = label(number, blocks[number - 1] || "");
          // Writing only what differs keeps the observer below from waking itself up.
          if (option.textContent !== text) option.textContent = text;
        });
      });
    }

    var timer = null;
    function soon() {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    }
    form.addEventListener("input", soon);
    form.addEventListener("keyup", soon);
    // New photo rows ("사진 추가") and the editor's own DOM changes.
    new MutationObserver(soon).observe(form, { childList: true, subtree: true, characterData: true });
    // A form sent back with an error holds a body newer than the saved one the choices were
    // made from: name its paragraphs at once.
    soon();
  });
})();
