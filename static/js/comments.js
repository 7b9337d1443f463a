// Comments: the live "N / 300" counter, posting in place, replies, 더보기, and 공감 · 비공감 ·
// 신고 · 삭제 without leaving the page. Without JavaScript each of these is a plain form or link
// that the server answers, so this file only enhances.
(function () {
  "use strict";
  var root = document.querySelector("[data-comments]");
  if (!root || !window.fetch || !window.FormData) return;

  var FAILED = "요청을 보내지 못했습니다. 잠시 후 다시 시도해 주세요.";
  var CSRF_FAILED = "다른 사이트에서 보낸 요청으로 보여 처리하지 못했습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.";
  var status = root.querySelector("[data-comment-status]");

  // Characters as a person sees them: grapheme clusters, exactly as the server counts
  // (articles/text.py). String.length counts UTF-16 units and would make an emoji 2 to 11.
  var segmenter = window.Intl && Intl.Segmenter
    ? new Intl.Segmenter("ko", { granularity: "grapheme" })
    : null;
  function visibleLength(text) {
    text = text.replace(/\r\n?/g, "\n");
    if (!segmenter) return Array.from(text).length; // code points: close, never UTF-16 units
    var count = 0;
    var iterator = segmenter.segment(text)[Symbol.iterator]();
    while (!iterator.next().done) count += 1;
    return count;
  }

  // A success is said in the calm colour, a failure in the error one.
  function say(text, failed) {
    if (!status) return;
    status.textContent = "";
    if (text) {
      var line = document.createElement("p");
      line.className = "comments__message" + (failed ? " comments__message--error" : "");
      line.textContent = text;
      status.appendChild(line);
    }
  }

  function send(url, body) {
    var headers = { Accept: "application/json" };
    return fetch(url, { method: "POST", body: body, credentials: "same-origin", headers: headers })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        var parse = type.indexOf("application/json") === 0 ? response.json() : Promise.resolve({});
        return parse.then(function (data) {
          if (!data.message && !response.ok) data.message = response.status === 403 ? CSRF_FAILED : FAILED;
          return { ok: response.ok, status: response.status, data: data };
        });
      });
  }

  function fromHtml(html) {
    var box = document.createElement("template");
    box.innerHTML = html.trim();
    return box.content;
  }

  function setTotal(count) {
    if (typeof count !== "number") return;
    document.querySelectorAll("[data-comment-total]").forEach(function (total) {
      total.textContent = String(count);
    });
  }

  // The form: counter, replies, posting in place
  var form = root.querySelector("[data-comment-form]");
  var max = Number(root.getAttribute("data-max-length")) || 300;
  var body, counter, counterBox, parentInput, replying, replyingName, anchor;

  function updateCounter() {
    var length = visibleLength(body.value);
    counter.textContent = String(length);
    counterBox.classList.toggle("is-over", length > max);
  }

  function startReply(link) {
    var item = document.getElementById("comment-" + link.getAttribute("data-reply-to"));
    var slot = item && item.querySelector(":scope > [data-reply-slot]");
    if (!slot) return;
    parentInput.value = link.getAttribute("data-reply-to");
    replyingName.textContent = link.getAttribute("data-reply-name");
    replying.hidden = false;
    slot.appendChild(form);
    body.focus();
  }

  function cancelReply() {
    parentInput.value = "";
    replying.hidden = true;
    if (form.previousSibling !== anchor) anchor.parentNode.insertBefore(form, anchor.nextSibling);
  }

  function clearErrors() {
    form.querySelectorAll("[data-error-for]").forEach(function (slot) { slot.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (field) {
      field.removeAttribute("aria-invalid");
    });
  }

  function showErrors(data) {
    var errors = data.errors || { form: [data.message] };
    var first = null;
    var general = form.querySelector('[data-error-for="form"]');
    Object.keys(errors).forEach(function (name) {
      var slot = form.querySelector('[data-error-for="' + name + '"]');
      if (!slot || slot === general) {
        // Errors of the whole form, or of a hidden field (the reply's parent): above the form.
        errors[name].forEach(function (text) {
          var line = document.createElement("p");
          line.textContent = text;
          general.appendChild(line);
        });
      } else {
        slot.textContent = errors[name][0];
        var field = form.querySelector('[name="' + name + '"]');
        if (field) {
          field.setAttribute("aria-invalid", "true");
          first = first || field;
        }
      }
    });
    if (first) first.focus();
  }

  // "답글 N" on a top-level comment: the replies shown under it, as the server counts them.
  function updateReplyCount(parent) {
    var link = parent.querySelector(":scope > .comment__actions > [data-reply-to]");
    if (!link) return;
    var count = parent.querySelectorAll(":scope > [data-replies] > [data-comment]").length;
    var badge = link.querySelector("[data-reply-count]");
    if (!count) {
      if (badge) badge.remove();
      link.textContent = link.textContent.trim();
      return;
    }
    if (!badge) {
      badge = document.createElement("span");
      badge.className = "comment__reply-count";
      badge.setAttribute("data-reply-count", "");
      link.appendChild(document.createTextNode(" "));
      link.appendChild(badge);
    }
    badge.textContent = String(count);
  }

  function insertComment(data) {
    var content = fromHtml(data.html);
    var item = content.querySelector("[data-comment]");
    var list = root.querySelector("[data-comment-list]");
    var parent = data.parent_id && document.getElementById("comment-" + data.parent_id);
    if (parent) {
      parent.querySelector(":scope > [data-replies]").appendChild(item);
      updateReplyCount(parent);
    } else {
      var empty = list.querySelector("[data-comment-empty]");
      if (empty) empty.remove();
      list.insertBefore(item, list.firstChild);
    }
    item.classList.add("is-new");
    item.scrollIntoView({ block: "nearest" });
  }

  if (form) {
    body = form.querySelector("[data-comment-body]");
    counterBox = form.querySelector("[data-counter-box]");
    counter = form.querySelector("[data-counter]");
    parentInput = form.querySelector("[data-parent-input]");
    replying = form.querySelector("[data-replying]");
    replyingName = form.querySelector("[data-replying-name]");
    anchor = document.createComment("comment-form");
    form.parentNode.insertBefore(anchor, form);

    // Korean is typed through an IME: follow the composition as it happens, not only when a
    // syllable is committed. compositionupdate fires before the text changes, so count again
    // once the browser has applied it.
    body.addEventListener("input", updateCounter);
    ["compositionstart", "compositionupdate", "compositionend"].forEach(function (type) {
      body.addEventListener(type, function () {
        updateCounter();
        window.setTimeout(updateCounter, 0);
      });
    });
    updateCounter();

    var submit = form.querySelector('button[type="submit"]');
    var busy = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return;
      busy = true;
      submit.disabled = true;
      form.setAttribute("aria-busy", "true");
      clearErrors();
      send(form.action, new FormData(form))
        .then(function (result) {
          var data = result.data;
          if (data.token) form.querySelector('input[name="token"]').value = data.token;
          if (result.ok && data.html) {
            insertComment(data);
            body.value = "";
            updateCounter();
            cancelReply();
            setTotal(data.comment_count);
            say(data.message);
          } else {
            showErrors(data); // the text stays where the reader typed it
            say("");
          }
        })
        .catch(function () { showErrors({ message: FAILED }); })
        .then(function () {
          busy = false;
          submit.disabled = false;
          form.removeAttribute("aria-busy");
        });
    });
  }

  // 답글, 답글 취소 and 더보기
  root.addEventListener("click", function (event) {
    var target = event.target.closest("[data-reply-to], [data-cancel-reply], [data-more]");
    if (!target) return;
    if (target.hasAttribute("data-more")) {
      event.preventDefault();
      loadMore(target);
    } else if (form) {
      event.preventDefault();
      if (target.hasAttribute("data-reply-to")) startReply(target);
      else { cancelReply(); body.focus(); }
    }
  });

  function loadMore(link) {
    if (link.getAttribute("aria-busy") === "true") return;
    link.setAttribute("aria-busy", "true");
    var url = link.href + (link.href.indexOf("?") < 0 ? "?" : "&") + "fragment=1";
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var content = fromHtml(html);
        var list = root.querySelector("[data-comment-list]");
        // Comments posted meanwhile shift the pages: skip what is already on screen.
        content.querySelectorAll("[data-comment-list] > [data-comment]").forEach(function (item) {
          if (!document.getElementById(item.id)) list.appendChild(item);
        });
        var next = content.querySelector("[data-more]");
        if (next) link.replaceWith(next);
        else link.remove();
      })
      .catch(function () {
        link.removeAttribute("aria-busy");
        say("댓글을 더 불러오지 못했습니다. 다시 눌러 주세요.", true);
      });
  }

  // 공감 · 비공감 · 신고 · 삭제
  function fold(item) {
    var text = item.querySelector(":scope > [data-comment-body-text]");
    if (!text) return;
    var details = document.createElement("details");
    details.className = "comment__fold";
    var summary = document.createElement("summary");
    summary.textContent = "신고로 가려진 댓글입니다. ";
    var open = document.createElement("span");
    open.className = "comment__unfold";
    open.textContent = "펼쳐 보기";
    summary.appendChild(open);
    text.replaceWith(details);
    details.appendChild(summary);
    details.appendChild(text);
  }

  function removeComment(item, keepsPlace) {
    if (!keepsPlace) {
      var parent = item.parentNode && item.parentNode.closest("[data-comment]");
      item.remove();
      if (parent) updateReplyCount(parent);
      return;
    }
    Array.prototype.slice.call(item.children).forEach(function (child) {
      if (!child.matches("[data-replies], [data-reply-slot]")) child.remove();
    });
    var note = document.createElement("p");
    note.className = "comment__removed";
    note.textContent = "삭제된 댓글입니다.";
    item.insertBefore(note, item.firstChild);
    item.classList.add("comment--removed");
  }

  function tell(message, text, failed) {
    message.textContent = text || "";
    message.classList.toggle("comment__message--error", Boolean(failed));
  }

  var done = {
    vote: function (item, actionForm, data, ok) {
      ["up", "down"].forEach(function (value) {
        var count = actionForm.querySelector('[data-count="' + value + '"]');
        var key = value === "up" ? "like_count" : "dislike_count";
        if (count && typeof data[key] === "number") count.textContent = String(data[key]);
      });
      // The visitor's vote now: null once taken back, so neither button stays pressed.
      if (ok && data.vote !== undefined) {
        actionForm.querySelectorAll('button[name="value"]').forEach(function (button) {
          button.setAttribute("aria-pressed", String(button.value === data.vote));
        });
      }
    },
    report: function (item, actionForm, data, ok) {
      var button = actionForm.querySelector("button");
      if (ok || data.folded !== undefined) {
        button.textContent = "신고함";
        button.setAttribute("aria-pressed", "true");
        button.disabled = true;
      }
      if (data.folded) fold(item);
    },
    delete: function (item, actionForm, data, ok) {
      if (!ok) return;
      setTotal(data.comment_count);
      removeComment(item, data.keeps_place);
      say(data.message);
    }
  };

  root.addEventListener("submit", function (event) {
    var actionForm = event.target;
    var action = actionForm.getAttribute("data-comment-action");
    if (!action || !done[action]) return;
    // Without knowing which button was pressed (very old browsers), post the plain form.
    if (action === "vote" && !(event.submitter && event.submitter.name)) return;
    event.preventDefault();
    if (action === "report" && !window.confirm("이 댓글을 신고할까요? 신고가 쌓이면 댓글이 가려지고 편집국이 검토합니다.")) return;
    var item = actionForm.closest("[data-comment]");
    var message = item.querySelector(":scope > [data-comment-message]");
    var data = new FormData(actionForm);
    if (action === "vote") data.append(event.submitter.name, event.submitter.value);
    actionForm.setAttribute("aria-busy", "true");
    send(actionForm.action, data)
      .then(function (result) {
        done[action](item, actionForm, result.data, result.ok);
        if (message && item.isConnected) tell(message, result.data.message, !result.ok);
      })
      .catch(function () { if (message) tell(message, FAILED, true); })
      .then(function () { actionForm.removeAttribute("aria-busy"); });
  });
})();
