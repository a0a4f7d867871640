// Presence in the editor: who else has this article × locale open and in which segment.
// Short polling (every 4 s, and at once when the segment changes) of one JSON endpoint;
// works with any number of server workers. A segment someone else is in is marked, and its
// box asks before the first keystroke. The inbox badge is refreshed every 30 s by the same
// poll (it asks for the unread count), not by a request of its own.
(function () {
  "use strict";
  const bar = document.getElementById("collab-bar");
  if (!bar) return;
  const POLL_MS = 4000, BADGE_MS = 30000, TYPING_MS = 8000;
  const csrf = bar.dataset.csrf;
  const list = bar.querySelector("[data-testid=presence]");
  let current = null, lastKeystroke = 0, others = [], timer = null, stopped = false;
  let lastBadge = Date.now();
  const acknowledged = new Set();

  // A segment is the element with data-key around a translation box (rows or sections).
  function segmentOf(node) { return node && node.closest ? node.closest("[data-key]") : null; }
  function segmentBy(key) {
    return Array.from(document.querySelectorAll('[data-key="' + CSS.escape(key) + '"]'))
      .find(function (el) { return el.querySelector("textarea"); }) || null;
  }
  function typing() { return Date.now() - lastKeystroke < TYPING_MS; }
  function othersIn(key) { return others.filter(function (p) { return p.key === key; }); }

  function render() {
    document.querySelectorAll(".presence-other").forEach(function (s) {
      s.classList.remove("presence-other", "presence-typing");
      s.removeAttribute("data-present");
      const tag = s.querySelector(".presence-tag");
      if (tag) tag.remove();
    });
    others.forEach(function (p) {
      if (!p.key) return;
      const s = segmentBy(p.key);
      if (!s) return;
      s.classList.add("presence-other");
      if (p.typing) s.classList.add("presence-typing");
      const names = (s.dataset.present ? s.dataset.present.split(",") : []).concat([p.user]);
      s.dataset.present = names.join(",");
      let tag = s.querySelector(".presence-tag");
      if (!tag) {
        tag = document.createElement("span");
        tag.className = "presence-tag badge";
        tag.dataset.testid = "presence-tag";
        (s.querySelector(".where") || s).appendChild(tag);
      }
      tag.textContent = names.join(", ") + (p.typing ? " · " + bar.dataset.i18nTyping : "");
    });
    if (others.length) {
      list.hidden = false;
      list.textContent = bar.dataset.i18nHere + " " + others.map(function (p) {
        return p.user + (p.typing ? " (" + bar.dataset.i18nTyping + ")" : "");
      }).join(", ");
    } else {
      list.hidden = true;
      list.textContent = "";
    }
  }

  function poll() {
    if (stopped) return;
    clearTimeout(timer);
    fetch(bar.dataset.presenceUrl, {
      method: "POST",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify({key: current, typing: typing(), unread: wantsBadge()}),
      credentials: "same-origin",
    }).then(function (r) { return r.ok ? r.json() : {others: []}; })
      .then(function (data) { others = data.others || []; render(); badge(data.unread); })
      .catch(function () {})
      // A tab in the background polls 3 times less often (12 s: its presence stays fresh).
      .finally(function () { timer = setTimeout(poll, document.hidden ? 3 * POLL_MS : POLL_MS); });
  }

  function warn(section, box) {
    let w = section.querySelector(".presence-warning");
    if (w) return;
    const names = othersIn(section.dataset.key).map(function (p) { return p.user; }).join(", ");
    w = document.createElement("p");
    w.className = "presence-warning";
    w.setAttribute("role", "alert");
    w.dataset.testid = "presence-warning";
    w.textContent = bar.dataset.i18nWarn.replace("%(name)s", names) + " ";
    const go = document.createElement("button");
    go.type = "button";
    go.className = "small";
    go.textContent = bar.dataset.i18nAnyway;
    go.addEventListener("click", function () {
      acknowledged.add(section.dataset.key);
      w.remove();
      box.focus();
    });
    w.appendChild(go);
    box.insertAdjacentElement("afterend", w);
  }

  document.addEventListener("focusin", function (ev) {
    const s = segmentOf(ev.target);
    if (!s || ev.target.tagName !== "TEXTAREA") return;
    if (current !== s.dataset.key) { current = s.dataset.key; poll(); }
  });
  document.addEventListener("beforeinput", function (ev) {
    const s = segmentOf(ev.target);
    if (!s || ev.target.tagName !== "TEXTAREA") return;
    if (othersIn(s.dataset.key).length && !acknowledged.has(s.dataset.key)) {
      ev.preventDefault();
      warn(s, ev.target);
      return;
    }
    const wasTyping = typing();
    lastKeystroke = Date.now();
    if (!wasTyping) poll();
  }, true);

  function leave() {
    stopped = true;
    const form = new FormData();
    form.append("csrf_token", csrf);
    navigator.sendBeacon(bar.dataset.leaveUrl, form);
  }
  window.addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) poll(); });

  function wantsBadge() {
    if (Date.now() - lastBadge < BADGE_MS) return false;
    lastBadge = Date.now();
    return true;
  }
  function badge(unread) {
    const count = document.querySelector("[data-testid=inbox-badge] .unread-count");
    if (typeof unread !== "number" || !count) return;
    count.textContent = String(unread);
    count.hidden = !unread;
  }
  poll();
})();
