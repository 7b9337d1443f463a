// Article tools: font size (remembered), print, and copying the article's address. The
// buttons are rendered hidden (they do nothing without this script) and shown here.
(function () {
  "use strict";
  var article = document.getElementById("article");
  if (!article) return;
  article.querySelectorAll("[data-needs-script]").forEach(function (element) {
    element.hidden = false;
  });
  var KEY = "newsroom:font-size";
  var buttons = article.querySelectorAll("[data-font-size].tools__button");
  var status = article.querySelector(".tools__status");

  function setSize(size) {
    article.setAttribute("data-font-size", size);
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-font-size") === size));
    });
  }
  function say(text) { if (status) status.textContent = text; }

  try { var saved = window.localStorage.getItem(KEY); if (saved) setSize(saved); } catch (e) { /* storage off */ }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var size = button.getAttribute("data-font-size");
      setSize(size);
      try { window.localStorage.setItem(KEY, size); } catch (e) { /* storage off */ }
    });
  });

  var print = article.querySelector('[data-action="print"]');
  if (print) print.addEventListener("click", function () { window.print(); });

  // 카카오톡: through Kakao's SDK when the site has a Kakao key (the SDK is then loaded before
  // this script), else the phone's share sheet (KakaoTalk among its apps); left out where
  // there is neither. Never KakaoStory.
  var kakao = article.querySelector('[data-action="share-kakao"]');
  var copyButton = article.querySelector('[data-action="copy-link"]');
  if (kakao && copyButton) {
    var key = kakao.getAttribute("data-kakao-key");
    var sdk = key && window.Kakao && window.Kakao.Share ? window.Kakao : null;
    var shared = {
      title: copyButton.getAttribute("data-title") || document.title,
      url: copyButton.getAttribute("data-url")
    };
    if (!sdk && !navigator.share) {
      kakao.parentNode.hidden = true;
    } else {
      kakao.addEventListener("click", function () {
        if (sdk) {
          if (!sdk.isInitialized()) sdk.init(key);
          sdk.Share.sendScrap({ requestUrl: shared.url });
          return;
        }
        navigator.share(shared).catch(function () { /* closed by the reader */ });
      });
    }
  }

  var copy = copyButton;
  if (copy) copy.addEventListener("click", function () {
    var url = copy.getAttribute("data-url");
    function fallback() {
      var field = document.createElement("textarea");
      field.value = url;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(field);
      say(ok ? "기사 주소를 복사했습니다." : "주소를 복사하지 못했습니다: " + url);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { say("기사 주소를 복사했습니다."); }, fallback);
    } else {
      fallback();
    }
  });
})();
