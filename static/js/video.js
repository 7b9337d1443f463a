// Click-to-play: the page shows our own poster linking to the video's page; only a click
// loads the host's player, in place of the poster. Without this script the link is followed.
// The players' hosts are the ones the Content-Security-Policy allows (articles/video.py).
(function () {
  "use strict";
  var PLAYERS = {
    youtube: function (id) { return "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1&rel=0"; },
    naver: function (id) { return "https://tv.naver.com/embed/" + id + "?autoPlay=true"; }
  };
  document.querySelectorAll("a[data-video-host]").forEach(function (poster) {
    var player = PLAYERS[poster.getAttribute("data-video-host")];
    var id = poster.getAttribute("data-video-id") || "";
    if (!player || !/^[A-Za-z0-9_-]+$/.test(id)) return;
    poster.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.className = "video__frame";
      frame.src = player(id);
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
