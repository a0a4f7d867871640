// The translator's editor. Keyboard: Ctrl+Enter saves and goes to the next unfinished
// segment; Ctrl+↓/↑ move between segments; Ctrl+Shift+C copies the source; Esc reverts to
// the saved text; Alt+1…9 inserts suggestion n; "?" lists the shortcuts. A draft (typed,
// not saved) is kept in localStorage per article, locale, segment and version and restored
// after a reload. Suggestions (memory, machine translation) and the comment form are built
// when a segment is used, so that a long article opens fast. Texts are set with
// textContent, never innerHTML: they are data.
(function () {
  "use strict";
  const meta = document.querySelector("section.meta");
  const box = document.querySelector(".segments");
  if (!meta || !box) { return; }
  const prefix = "transdesk:draft:" + meta.dataset.article + ":" + meta.dataset.locale + ":";
  const areas = Array.from(box.querySelectorAll("section.segment textarea[name=text]"));
  const providers = (box.dataset.providers || "").split(",").filter(Boolean);
  const blocked = (box.dataset.blocked || "").split(",").filter(Boolean);

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function rowOf(node) { return node.closest("section.segment"); }
  function segmentUrl(row, rest) {
    return box.dataset.urlBase + "/segments/" + encodeURIComponent(row.dataset.key) + rest;
  }
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

  // Drafts
  areas.forEach(function (area) {
    let draft = null;
    try { draft = localStorage.getItem(draftKey(area)); } catch (e) { draft = null; }
    if (draft !== null && draft !== area.dataset.saved) {
      area.value = draft;
      area.classList.add("draft");
      area.insertAdjacentElement("afterend", el("p", "draft-note muted", box.dataset.i18nDraft));
    } else if (draft !== null) {
      try { localStorage.removeItem(draftKey(area)); } catch (e) { /* ignore */ }
    }
  });
  box.addEventListener("input", function (event) {
    const area = event.target;
    if (area.name !== "text") { return; }
    area.classList.toggle("draft", area.value !== area.dataset.saved);
    store(area);
  });

  // Suggestions
  function insert(row, text) {
    const area = row.querySelector("textarea[name=text]");
    area.value = text;
    area.dispatchEvent(new Event("input", {bubbles: true}));
    area.focus();
  }
  function suggestionBox(row) {
    let panel = row.querySelector(".suggestions");
    if (panel) { return panel; }
    panel = el("div", "suggestions");
    providers.forEach(function (id) {
      const button = el("button", "small link", box.dataset.i18nMt + ": " + id);
      button.type = "button";
      button.dataset.mt = id;
      if (blocked.indexOf(id) >= 0) {
        button.disabled = true;
        button.title = box.dataset.i18nEmbargoed;
      }
      panel.appendChild(button);
      panel.appendChild(document.createTextNode(" "));
    });
    const list = el("ol", "suggestion-list");
    list.dataset.testid = "suggestions";
    panel.appendChild(list);
    row.querySelector("form.save").insertAdjacentElement("afterend", panel);
    return panel;
  }
  function addSuggestion(row, text, label, extra) {
    const item = el("li", extra ? "tm-match" : "mt-match");
    const use = el("button", "small", label);
    use.type = "button";
    use.dataset.use = "";
    item.appendChild(use);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(el("span", "suggestion-text", text));
    if (extra) { extra(item); }
    suggestionBox(row).querySelector(".suggestion-list").appendChild(item);
    return item;
  }
  function loadMemory(row) {
    if (row.dataset.suggestionsLoading) { return; }
    row.dataset.suggestionsLoading = "1";
    suggestionBox(row);
    fetch(segmentUrl(row, "/suggestions"), {headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : {memory: []}; })
      .then(function (body) {
        const saved = row.querySelector("textarea[name=text]").dataset.saved;
        (body.memory || []).forEach(function (m) {
          if (m.target === saved) { return; }  // already the translation
          const item = addSuggestion(row, m.target, m.score + "%", function (li) {
            li.appendChild(el("small", "muted", " " + m.origin + (m.same_context ? " · ✓" : "")));
            if (!m.exact) {
              const diff = el("small", "diff");
              m.diff.forEach(function (chunk) {
                const tag = chunk[0] === "insert" ? "ins" : chunk[0] === "delete" ? "del" : "span";
                diff.appendChild(el(tag, "", chunk[1]));
              });
              li.appendChild(el("br"));
              li.appendChild(diff);
            }
          });
          item.dataset.score = String(m.score);
        });
        row.dataset.suggestions = String(row.querySelectorAll(".tm-match").length);
      })
      .catch(function () { row.dataset.suggestions = "0"; });
  }
  box.addEventListener("focusin", function (event) {
    const row = rowOf(event.target);
    if (row) { loadMemory(row); }
  });

  // Clicks: use a suggestion, ask a machine translation, open the comment form
  box.addEventListener("click", function (event) {
    const target = event.target;
    const use = target.closest("button[data-use]");
    if (use) {
      insert(rowOf(use), use.parentElement.querySelector(".suggestion-text").textContent);
      return;
    }
    const mt = target.closest("button[data-mt]");
    if (mt) {
      const row = rowOf(mt);
      mt.disabled = true;
      fetch(segmentUrl(row, "/mt/" + encodeURIComponent(mt.dataset.mt)), {headers: {"Accept": "application/json"}})
        .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, body: body}; }); })
        .then(function (res) {
          if (res.ok) { addSuggestion(row, res.body.text, mt.dataset.mt); }
          else { addSuggestion(row, res.body.message || "error", "!"); }
        })
        .catch(function () { addSuggestion(row, "network error", "!"); })
        .finally(function () { mt.disabled = false; });
      return;
    }
    const dismiss = target.closest("button[data-dismiss]");
    if (dismiss) {
      const form = el("form", "inline dismiss-form");
      form.method = "post";
      form.action = segmentUrl(rowOf(dismiss), "/dismiss");
      const fields = [["csrf_token", box.dataset.csrf], ["check", dismiss.dataset.dismiss]];
      fields.forEach(function (pair) {
        const input = el("input");
        input.type = "hidden"; input.name = pair[0]; input.value = pair[1];
        form.appendChild(input);
      });
      const label = el("label", "inline-label");
      label.appendChild(el("span", "sr", box.dataset.i18nWhy));
      const reason = el("input");
      reason.name = "reason"; reason.required = true; reason.placeholder = box.dataset.i18nWhy;
      label.appendChild(reason);
      const send = el("button", "small", box.dataset.i18nDismiss);
      send.type = "submit";
      form.append(label, send);
      dismiss.replaceWith(form);
      reason.focus();
      return;
    }
    const toggle = target.closest("button[data-comment-toggle]");
    if (toggle) {
      let form = toggle.parentElement.querySelector("form.comment-form");
      if (!form) {
        const row = rowOf(toggle);
        form = el("form", "comment-form");
        form.method = "post";
        form.action = segmentUrl(row, "/comments");
        const token = el("input");
        token.type = "hidden"; token.name = "csrf_token"; token.value = box.dataset.csrf;
        const label = el("label", "inline-label");
        label.appendChild(el("span", "sr", box.dataset.i18nNewComment));
        const input = el("input");
        input.name = "body"; input.required = true;
        label.appendChild(input);
        const send = el("button", "small", box.dataset.i18nComment);
        send.type = "submit";
        form.append(token, label, send);
        form.hidden = true;
        toggle.insertAdjacentElement("afterend", form);
      }
      form.hidden = !form.hidden;
      toggle.setAttribute("aria-expanded", String(!form.hidden));
      if (!form.hidden) { form.querySelector("input[name=body]").focus(); }
    }
  });

  // Keyboard
  function move(area, step) {
    const next = areas[areas.indexOf(area) + step];
    if (next) { next.focus(); next.scrollIntoView({block: "center"}); }
  }
  document.addEventListener("keydown", function (event) {
    const area = event.target.closest ? event.target.closest("section.segment textarea[name=text]") : null;
    if (event.key === "?" && !area && !(event.target instanceof HTMLInputElement)) {
      const dialog = document.getElementById("shortcuts");
      if (dialog && !dialog.open) { dialog.showModal(); }
      event.preventDefault();
      return;
    }
    if (!area) { return; }
    const row = rowOf(area);
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
      insert(row, row.querySelector(".source").dataset.source);
    } else if (event.key === "Escape") {
      event.preventDefault();
      area.value = area.dataset.saved;
      area.dispatchEvent(new Event("input", {bubbles: true}));
      const note = row.querySelector(".draft-note");
      if (note) { note.remove(); }
    } else if (event.altKey && !event.ctrlKey && /^[1-9]$/.test(event.key)) {
      const items = row.querySelectorAll(".suggestion-list .suggestion-text");
      const n = parseInt(event.key, 10) - 1;
      if (items[n]) {
        event.preventDefault();
        insert(row, items[n].textContent);
      }
    }
  });

  const toggle = document.querySelector("[data-shortcuts-toggle]");
  if (toggle) {
    toggle.addEventListener("click", function () { document.getElementById("shortcuts").showModal(); });
  }
  const focus = document.querySelector("textarea[data-focus]");
  if (focus) { focus.focus(); focus.scrollIntoView({block: "center"}); }
})();
