// Reactions: send a press with fetch and update the counters and aria-pressed in place.
// Without JavaScript the same buttons submit the form, and the server redirects back.
//
// On a page every reader shares, the counts are those of when the page was drawn: the bar
// shows, and asks for the counts as they are now (a small page kept a second). A reader who
// has acted gets them from reader-state.js instead, with their own presses, never older.
(function () {
  "use strict";
  var form = document.querySelector(".reactions__form");
  if (!form) return;
  var section = form.closest("[data-live-url]");
  form.hidden = false;
  if (!window.fetch || !window.FormData) return;
  if (section && !/(?:^|;\s*)nr_acted=1/.test(document.cookie)) {
    fetch(section.getAttribute("data-live-url"), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.counts) showCounts(data.counts);
        if (data && typeof data.views === "number") showViews(data.views);
      })
      .catch(function () { /* the counts of when the page was drawn stay */ });
  }
  var message = form.querySelector(".reactions__message");
  var MESSAGES = {
    403: "다른 사이트에서 보낸 요청으로 보여 반영하지 못했습니다. 페이지를 새로 고친 뒤 다시 눌러 주세요.",
    other: "반응을 보내지 못했습니다. 잠시 후 다시 눌러 주세요."
  };
  var busy = false;

  function say(text) { if (message) message.textContent = text; }

  function showCounts(counts) {
    form.querySelectorAll(".reactions__button").forEach(function (button) {
      if (Object.prototype.hasOwnProperty.call(counts, button.value)) {
        button.querySelector(".reactions__count").textContent =
          Number(counts[button.value]).toLocaleString("ko-KR");
      }
    });
  }

  // 조회수 beside the times, when the desk shows it: as it is now, not as drawn.
  function showViews(views) {
    document.querySelectorAll("[data-view-count]").forEach(function (count) {
      count.textContent = Number(views).toLocaleString("ko-KR");
    });
  }

  function show(data) {
    showCounts(data.counts);
    form.querySelectorAll(".reactions__button").forEach(function (button) {
      if (button.value === data.kind) button.setAttribute("aria-pressed", String(data.pressed));
    });
  }

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    // Without a known button (very old browsers), let the plain form post go through.
    if (!button || button.name !== "kind") return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    form.setAttribute("aria-busy", "true");
    var body = new FormData(form);
    body.append("kind", button.value);
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        var json = type.indexOf("application/json") === 0 ? response.json() : Promise.resolve({});
        return json.then(function (data) {
          if (response.ok && data.counts) {
            show(data);
            say("");
          } else {
            say(data.message || MESSAGES[response.status] || MESSAGES.other);
          }
        });
      })
      .catch(function () { say(MESSAGES.other); })
      .then(function () {
        busy = false;
        form.removeAttribute("aria-busy");
      });
  });
})();
