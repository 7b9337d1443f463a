// django-prose-editor names its block styles and its buttons' tooltips in English in code (no
// gettext for these); give editors the Korean names. Runs in the admin only.
(function () {
  "use strict";
  var LABELS = { heading2: "소제목", heading3: "작은 소제목", paragraph: "본문" };
  var TITLES = {
    "bold": "굵게",
    "italic": "기울임",
    "strike": "취소선",
    "underline": "밑줄",
    "subscript": "아래 첨자",
    "superscript": "위 첨자",
    "heading 2": "소제목",
    "heading 3": "작은 소제목",
    "paragraph": "본문",
    "unordered list": "글머리 기호 목록",
    "ordered list": "번호 목록",
    "blockquote": "인용",
    "horizontal rule": "가로줄",
    "insert link": "링크 넣기",
    "remove link": "링크 빼기",
    "undo": "되돌리기",
    "redo": "다시 하기",
    "edit HTML": "HTML 편집",
    "HTML": "HTML 편집",
    "Styles": "문단 모양",
    "Code": "코드",
    "Code block": "코드 블록",
    "Toggle fullscreen": "전체 화면"
  };

  function relabel() {
    document.querySelectorAll(".prose-menubar__option[data-name]").forEach(function (option) {
      var label = LABELS[option.getAttribute("data-name")];
      var text = option.firstElementChild;
      // Only write when different, so the observer below settles after one pass.
      if (label && text && text.textContent !== label) text.textContent = label;
    });
    document.querySelectorAll(".prose-menubar [title]").forEach(function (button) {
      var title = TITLES[button.getAttribute("title")];
      if (title) button.setAttribute("title", title);
    });
  }

  new MutationObserver(relabel).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", relabel);
})();
