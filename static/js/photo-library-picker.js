// The 사진 자료실 picker in the article form: each photo in the list with its thumbnail, its
// credit and the article it is in (admin/photos.py answers with them). Without this script the
// admin's own picker still works, listing the same photos as text.
(function () {
  "use strict";
  function line(className, text) {
    var span = document.createElement("span");
    span.className = className;
    span.textContent = text;
    return span;
  }

  function choice(item) {
    if (!item.id || !item.thumbnail) return item.text;
    var row = document.createElement("span");
    row.className = "library-choice";
    var image = document.createElement("img");
    image.src = item.thumbnail;
    image.alt = "";
    image.width = 64;
    image.height = 48;
    row.appendChild(image);
    var words = document.createElement("span");
    words.className = "library-choice__words";
    words.appendChild(line("library-choice__caption", item.caption || "(설명 없음)"));
    if (item.credit) words.appendChild(line("library-choice__meta", item.credit));
    if (item.article) words.appendChild(line("library-choice__meta", "기사: " + item.article));
    row.appendChild(words);
    return window.django.jQuery(row);
  }

  function library($, select) {
    if (select.name.indexOf("__prefix__") !== -1) return;
    var $select = $(select);
    // Whichever ran first, the admin's own setup of the picker gives way to this one.
    if ($select.hasClass("select2-hidden-accessible")) $select.select2("destroy");
    $select.select2({
      ajax: {
        data: function (params) {
          return {
            term: params.term,
            page: params.page,
            app_label: select.dataset.appLabel,
            model_name: select.dataset.modelName,
            field_name: select.dataset.fieldName
          };
        }
      },
      templateResult: choice
    });
  }

  function setUp(root) {
    var $ = window.django && window.django.jQuery;
    if (!$ || !$.fn.select2) return;
    $(root).find("select[data-photo-library]").each(function (index, select) {
      library($, select);
    });
  }

  // The admin sets its pickers up when jQuery is ready, and again for each row added;
  // these run after it (the script may load before jQuery itself).
  document.addEventListener("DOMContentLoaded", function () {
    var $ = window.django && window.django.jQuery;
    if (!$) return;
    $(function () { setUp(document); });
    document.addEventListener("formset:added", function (event) { setUp(event.target); });
  });
})();
