// Memory concordance from the editor: search a word or phrase in either language, see each
// unit with its origin, article and date, and insert its translation into the segment you
// were in (button, or Alt+Shift+1…9; Alt+1…9 are the editor's suggestions). Alt+K jumps to the search box with the selected text.
(function () {
  "use strict";
  const bar = document.getElementById("collab-bar");
  if (!bar) return;
  const form = bar.querySelector("form.concordance");
  const input = form.querySelector("input[name=concordance]");
  const list = form.querySelector(".concordance-hits");
  let lastBox = null, hits = [];

  document.addEventListener("focusin", function (ev) {
    if (ev.target.tagName === "TEXTAREA" && ev.target.closest("[data-key]")) lastBox = ev.target;
  });

  function insert(i) {
    const h = hits[i];
    if (!h || !lastBox) return;
    const box = lastBox, start = box.selectionStart, end = box.selectionEnd;
    box.focus();
    box.value = box.value.slice(0, start) + h.target + box.value.slice(end);
    box.selectionStart = box.selectionEnd = start + h.target.length;
    box.dispatchEvent(new Event("input", {bubbles: true}));
  }

  function render() {
    list.textContent = "";
    if (!hits.length) {
      const li = document.createElement("li");
      li.className = "muted";
      li.textContent = bar.dataset.i18nNone;
      list.appendChild(li);
      return;
    }
    hits.forEach(function (h, i) {
      const li = document.createElement("li");
      li.dataset.testid = "concordance-hit";
      const src = document.createElement("span"); src.lang = "ko"; src.textContent = h.source;
      const tgt = document.createElement("strong"); tgt.textContent = h.target;
      const meta = document.createElement("small"); meta.className = "muted";
      meta.textContent = [h.origin_label || h.origin, h.article || "", (h.created_at || "").slice(0, 10)].filter(Boolean).join(" · ");
      const go = document.createElement("button");
      go.type = "button"; go.className = "small";
      go.textContent = bar.dataset.i18nInsert + (i < 9 ? " (Alt+Shift+" + (i + 1) + ")" : "");
      go.addEventListener("mousedown", function (ev) { ev.preventDefault(); });  // keep the box's caret
      go.addEventListener("click", function () { insert(i); });
      li.append(src, " → ", tgt, " ", meta, " ", go);
      list.appendChild(li);
    });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    const url = bar.dataset.concordanceUrl + "?q=" + encodeURIComponent(q) + "&locale=" + encodeURIComponent(bar.dataset.locale);
    fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (data) { hits = data.hits || []; render(); });
  });

  document.addEventListener("keydown", function (ev) {
    if (!ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (!ev.shiftKey && (ev.key === "k" || ev.key === "K")) {
      ev.preventDefault();
      const sel = window.getSelection ? String(window.getSelection()) : "";
      const box = document.activeElement;
      const picked = box && box.tagName === "TEXTAREA" ? box.value.slice(box.selectionStart, box.selectionEnd) : sel;
      if (picked.trim()) input.value = picked.trim();
      input.focus();
      return;
    }
    const digit = /^Digit([1-9])$/.exec(ev.code || "");
    if (ev.shiftKey && digit && hits.length >= +digit[1]) { ev.preventDefault(); insert(+digit[1] - 1); }
  });
})();
