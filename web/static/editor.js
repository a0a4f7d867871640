// The translator's editor: keyboard shortcuts and drafts that survive a reload.
// Ctrl+Enter saves and goes to the next unfinished segment; Ctrl+↓/↑ move between
// segments; Ctrl+Shift+C copies the source; Esc reverts to the saved text; "?" lists
// the shortcuts. A draft (what is typed, not saved) is kept in localStorage per article,
// locale, segment and version, and restored after a reload.
(function () {
  "use strict";
  const meta = document.querySelector("section.meta");
  if (!meta) { return; }
  const prefix = "transdesk:draft:" + meta.dataset.article + ":" + meta.dataset.locale + ":";
  const areas = Array.from(document.querySelectorAll("tr.segment textarea[name=text]"));

  function rowOf(area) { return area.closest("tr.segment"); }
  function draftKey(area) {
    const row = rowOf(area);
    return prefix + row.dataset.key + ":" + row.dataset.version;
  }
  function store(area) {
    try {
      if (area.value !== area.dataset.saved) {
        localStorage.setItem(draftKey(area), area.value);
      } else {
        localStorage.removeItem(draftKey(area));
      }
    } catch (e) { /* storage full or disabled: the text stays in the page */ }
  }
  function forget(area) {
    try { localStorage.removeItem(draftKey(area)); } catch (e) { /* ignore */ }
  }

  areas.forEach(function (area) {
    let draft = null;
    try { draft = localStorage.getItem(draftKey(area)); } catch (e) { draft = null; }
    if (draft !== null && draft !== area.dataset.saved) {
      area.value = draft;
      area.classList.add("draft");
      const note = area.parentElement.querySelector(".draft-note");
      if (note) { note.hidden = false; }
    }
    area.addEventListener("input", function () {
      area.classList.toggle("draft", area.value !== area.dataset.saved);
      store(area);
    });
    area.form.addEventListener("submit", function () {
      // The draft is dropped once the server has the text; keep it until then.
      area.form.dataset.submitted = "1";
    });
  });
  // Drafts of texts the server now holds are stale: drop them.
  areas.forEach(function (area) { if (area.value === area.dataset.saved) { forget(area); } });

  function move(area, step) {
    const i = areas.indexOf(area);
    const next = areas[i + step];
    if (next) { next.focus(); next.scrollIntoView({block: "center"}); }
  }

  document.addEventListener("keydown", function (event) {
    const area = event.target.closest ? event.target.closest("tr.segment textarea[name=text]") : null;
    if (event.key === "?" && !area && !(event.target instanceof HTMLInputElement)) {
      const dialog = document.getElementById("shortcuts");
      if (dialog && !dialog.open) { dialog.showModal(); }
      event.preventDefault();
      return;
    }
    if (!area) { return; }
    if (event.ctrlKey && event.key === "Enter") {
      event.preventDefault();
      area.form.querySelector("input[name=next]").value = "1";
      area.form.requestSubmit();
    } else if (event.ctrlKey && event.key === "ArrowDown") {
      event.preventDefault();
      move(area, 1);
    } else if (event.ctrlKey && event.key === "ArrowUp") {
      event.preventDefault();
      move(area, -1);
    } else if (event.ctrlKey && event.shiftKey && (event.key === "C" || event.key === "c")) {
      event.preventDefault();
      area.value = rowOf(area).querySelector("td.source").firstChild.textContent.trim();
      area.dispatchEvent(new Event("input"));
    } else if (event.key === "Escape") {
      event.preventDefault();
      area.value = area.dataset.saved;
      area.dispatchEvent(new Event("input"));
    }
  });

  const toggle = document.querySelector("[data-shortcuts-toggle]");
  if (toggle) {
    toggle.addEventListener("click", function () { document.getElementById("shortcuts").showModal(); });
  }
  const focus = document.querySelector("textarea[data-focus]");
  if (focus) { focus.focus(); focus.scrollIntoView({block: "center"}); }
})();

// Suggestions: machine translation on demand per provider; Alt+1…9 inserts suggestion n.
(function () {
  "use strict";
  function listOf(row) { return row.querySelector(".suggestion-list"); }
  function add(row, text, label) {
    const list = listOf(row);
    if (!list) { return; }
    const item = document.createElement("li");
    const use = document.createElement("button");
    use.type = "button";
    use.className = "small";
    use.textContent = label;
    const span = document.createElement("span");
    span.className = "suggestion-text";
    span.textContent = text;
    use.addEventListener("click", function () { insert(row, text); });
    item.appendChild(use);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(span);
    list.appendChild(item);
  }
  function insert(row, text) {
    const area = row.querySelector("textarea[name=text]");
    area.value = text;
    area.dispatchEvent(new Event("input"));
    area.focus();
  }
  document.addEventListener("click", function (event) {
    const button = event.target.closest ? event.target.closest("button[data-mt]") : null;
    if (!button) { return; }
    const row = button.closest("tr.segment");
    const box = button.closest(".suggestions");
    const url = box.dataset.mtUrl.replace("PROVIDER", encodeURIComponent(button.dataset.mt));
    button.disabled = true;
    fetch(url, {headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, body: body}; }); })
      .then(function (res) {
        if (res.ok) { add(row, res.body.text, button.dataset.mt); }
        else { add(row, res.body.message || "error", "!"); }
      })
      .catch(function () { add(row, "network error", "!"); })
      .finally(function () { button.disabled = false; });
  });
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || !/^[1-9]$/.test(event.key)) { return; }
    const area = event.target.closest ? event.target.closest("tr.segment textarea[name=text]") : null;
    if (!area) { return; }
    const row = area.closest("tr.segment");
    const items = row.querySelectorAll(".suggestion-list .suggestion-text");
    const n = parseInt(event.key, 10) - 1;
    if (items[n]) {
      event.preventDefault();
      insert(row, items[n].textContent);
    }
  });
})();

// Memory matches rendered by the server: their button inserts the match.
document.addEventListener("click", function (event) {
  "use strict";
  const button = event.target.closest ? event.target.closest("button[data-use]") : null;
  if (!button) { return; }
  const row = button.closest("tr.segment");
  const area = row.querySelector("textarea[name=text]");
  area.value = button.parentElement.querySelector(".suggestion-text").textContent;
  area.dispatchEvent(new Event("input"));
  area.focus();
});
