// A reader's own state on a shared page: the page is the same for every reader (a cache keeps
// it), so once this reader has acted (the nr_acted cookie), ask the server which reactions they
// pressed and how they voted, and show it. Fresh counts come along.
(function () {
  "use strict";
  var article = document.querySelector("[data-me-url]");
  if (!article || !window.fetch) return;
  if (!/(?:^|;\s*)nr_acted=1/.test(document.cookie)) return;

  function pressReactions(state) {
    document.querySelectorAll(".reactions__button").forEach(function (button) {
      var kind = button.value;
      button.setAttribute("aria-pressed", String(state.pressed.indexOf(kind) !== -1));
      var count = button.querySelector(".reactions__count");
      if (count && Object.prototype.hasOwnProperty.call(state.counts, kind)) {
        count.textContent = Number(state.counts[kind]).toLocaleString("ko-KR");
      }
    });
  }

  function markComments(data) {
    Object.keys(data.votes).forEach(function (id) {
      var item = document.getElementById("comment-" + id);
      if (!item) return;
      var button = item.querySelector(':scope > .comment__actions button[name="value"][value="' + data.votes[id] + '"]');
      if (button) button.setAttribute("aria-pressed", "true");
    });
    data.reported.forEach(function (id) {
      var item = document.getElementById("comment-" + id);
      var button = item && item.querySelector(":scope > .comment__actions .comment__report button");
      if (!button) return;
      button.setAttribute("aria-pressed", "true");
      button.disabled = true;
      button.textContent = "신고함";
    });
  }

  fetch(article.getAttribute("data-me-url"), {
    credentials: "same-origin",
    headers: { Accept: "application/json" }
  })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data) return;
      pressReactions(data.reactions);
      markComments(data);
    })
    .catch(function () { /* the shared page stays as it is */ });
})();
