// Counts one view of the article: a beacon once per browser per article per hour. Readers
// without JavaScript (and most bots) are not counted; the server keeps the same window.
(function () {
  "use strict";
  var article = document.querySelector("[data-view-url]");
  if (!article || !navigator.sendBeacon || !window.FormData) return;
  var HOUR = 60 * 60 * 1000;
  var url = article.getAttribute("data-view-url");
  var key, seenKey = "nr:viewed:" + url, now = Date.now();
  try {
    key = localStorage.getItem("nr:reader");
    if (!key) {
      key = Array.from(crypto.getRandomValues(new Uint8Array(16)), function (b) {
        return ("0" + b.toString(16)).slice(-2);
      }).join("");
      localStorage.setItem("nr:reader", key);
    }
    var seen = Number(localStorage.getItem(seenKey)) || 0;
    if (now - seen < HOUR) return;
    localStorage.setItem(seenKey, String(now));
  } catch (error) {
    return; // storage refused (private mode): don't count what cannot be deduplicated
  }
  var body = new FormData();
  body.append("k", key);
  navigator.sendBeacon(url, body);
})();
