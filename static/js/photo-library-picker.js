// The 사진 자료실 picker in the article form: each photo in the list with its thumbnail, its
// credit and the article it is in (admin/photos.py answers with them). Without this script the
// admin's own picker still works, listing the same photos as text.
(function () {
  "use strict";
  var $ = window.django && window.django.jQuery;
  if (!$ || !$.fn.djangoAdminSelect2) return;

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
    return $(row);
  }

  // Django's own setup of the admin's pickers, with our drawing for the library's.
  var setUp = $.fn.djangoAdminSelect2;
  $.fn.djangoAdminSelect2 = function () {
    setUp.call(this.not("[data-photo-library]"));
    this.filter("[data-photo-library]").each(function (index, element) {
      $(element).select2({
        ajax: {
          data: function (params) {
            return {
              term: params.term,
              page: params.page,
              app_label: element.dataset.appLabel,
              model_name: element.dataset.modelName,
              field_name: element.dataset.fieldName
            };
          }
        },
        templateResult: choice
      });
    });
    return this;
  };
})();
