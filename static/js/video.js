// Click-to-play: the page shows our own poster linking to the video's page; only a click
// loads the host's player, in place of the poster. Without this script the link is followed.
(function () {
  "use strict";
  document.querySelectorAll("a[data-embed]").forEach(function (poster) {
    poster.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.className = "video__frame";
      frame.src = poster.getAttribute("data-embed");
      frame.title = poster.getAttribute("data-title") || "동영상";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      // The site's own policy is same-origin; players refuse to start without the origin.
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      poster.replaceWith(frame);
      frame.focus();
    });
  });
})();
