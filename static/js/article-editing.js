// The article form in the admin: who else has it open (a heartbeat every 20 s), and a warning
// before leaving with unsaved changes. The server refuses a save over a newer version anyway;
// this only tells editors before they collide.
(function () {
  "use strict";
  var HEARTBEAT = 20000;

  function ready(run) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }

  ready(function () {
    var form = document.getElementById("article_form");
    if (!form) return;

    // Unsaved changes: warn on leaving, not on saving.
    var dirty = false;
    var submitting = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { submitting = true; });
    window.addEventListener("beforeunload", function (event) {
      if (!dirty || submitting) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers need a value to show their own prompt
    });

    // Presence.
    var box = document.querySelector("[data-presence-url]");
    var token = form.querySelector('input[name="csrfmiddlewaretoken"]');
    if (!box || !token || !window.fetch) return;
    var url = box.getAttribute("data-presence-url");
    var names = box.querySelector("[data-presence-names]");

    function beat() {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", token.value);
      fetch(url, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) return;
          names.textContent = data.others.join(", ");
          box.hidden = data.others.length === 0;
        })
        .catch(function () { /* the next beat tries again */ });
    }
    setInterval(beat, HEARTBEAT);
    window.addEventListener("pagehide", function () {
      if (!navigator.sendBeacon) return;
      var body = new FormData();
      body.append("csrfmiddlewaretoken", token.value);
      body.append("leave", "1");
      navigator.sendBeacon(url, body);
    });
  });
})();
