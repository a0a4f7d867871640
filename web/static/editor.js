// The translator's and the editor's desk, without page reloads. Save, approve, reject,
// comment and dismiss go through fetch to the row endpoints (web/segments.py), which answer
// with the row redrawn, the header's counts and the next segment that needs this user; the
// row is replaced in place and focus moves on (or stays, with "All done here" said in the
// row). A refusal (four-eyes, QA error, conflict, missing reason, size limit) is shown in
// the row, in the UI language, and the typed text stays. The forms underneath remain the
// no-JavaScript path.
// Keyboard: Ctrl+Enter saves and goes to the next segment needing you; Ctrl+Shift+Enter
// (editors) approves and goes on; Ctrl+Shift+X opens the reason to send back (Enter sends);
// Ctrl+Shift+M comments; Ctrl+↓/↑ move; Ctrl+Shift+C copies the source; Esc reverts to the
// saved text; Alt+1…9 inserts suggestion n; "?" lists the shortcuts. A draft (typed, not
// saved) is kept in localStorage per article, locale, segment and version. Texts are set
// with textContent, never innerHTML: they are data (rows come as HTML the server escaped).
(function () {
  "use strict";
  const meta = document.querySelector("section.meta");
  const box = document.querySelector(".segments");
  if (!meta || !box) { return; }
  const prefix = "transdesk:draft:" + meta.dataset.article + ":" + meta.dataset.locale + ":";
  const providers = (box.dataset.providers || "").split(",").filter(Boolean);
  const blocked = (box.dataset.blocked || "").split(",").filter(Boolean);
  const reviewer = box.dataset.reviewer === "1";
  const i18n = box.dataset;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function areas() { return Array.from(box.querySelectorAll("section.segment textarea[name=text]")); }
  function rowOf(node) { return node.closest("section.segment"); }
  function areaOf(row) { return row.querySelector("textarea[name=text]"); }
  function segmentUrl(row, rest) {
    return box.dataset.urlBase + "/segments/" + encodeURIComponent(row.dataset.key) + rest;
  }
  function rowUrl(key, action) {
    const url = box.dataset.rowBase.replace("KEY", encodeURIComponent(key));
    return action === "show" ? url.replace("/ACTION", "") : url.replace("ACTION", action);
  }
  function draftKey(row) { return prefix + row.dataset.key + ":" + row.dataset.version; }
  function store(area) {
    try {
      if (area.value !== area.dataset.saved) {
        localStorage.setItem(draftKey(rowOf(area)), area.value);
      } else {
        localStorage.removeItem(draftKey(rowOf(area)));
      }
    } catch (e) { /* storage full or disabled: the text stays in the page */ }
  }
  function grow(area) {
    // Boxes grow with their text (field-sizing in app.css where supported; rows elsewhere).
    const lines = area.value.split("\n").reduce(function (n, line) {
      return n + Math.max(1, Math.ceil(line.length / 55));
    }, 0);
    area.rows = Math.max(2, Math.min(lines, 30));
  }

  // Drafts
  function restoreDraft(area) {
    let draft = null;
    try { draft = localStorage.getItem(draftKey(rowOf(area))); } catch (e) { draft = null; }
    if (draft !== null && draft !== area.dataset.saved) {
      area.value = draft;
      area.classList.add("draft");
      area.insertAdjacentElement("afterend", el("p", "draft-note muted", i18n.i18nDraft));
      grow(area);
    } else if (draft !== null) {
      try { localStorage.removeItem(draftKey(rowOf(area))); } catch (e) { /* ignore */ }
    }
  }
  areas().forEach(restoreDraft);
  box.addEventListener("input", function (event) {
    const area = event.target;
    if (area.name !== "text") { return; }
    area.classList.toggle("draft", area.value !== area.dataset.saved);
    store(area);
    grow(area);
  });

  // Messages in the row
  function say(row, text, kind) {
    const slot = row.querySelector(".row-error");
    if (!slot) { return; }
    slot.textContent = "";
    slot.className = "row-error " + (kind || "error");
    slot.setAttribute("role", kind === "ok" ? "status" : "alert");
    if (Array.isArray(text)) {
      text.forEach(function (part) { if (part) { slot.appendChild(part instanceof Node ? part : el("span", "", part + " ")); } });
    } else {
      slot.textContent = text;
    }
    slot.hidden = !slot.textContent;
  }
  function refusal(row, body, status) {
    const parts = [el("strong", "", body.text || i18n.i18nNetwork), " "];
    // The precise message only where it says more than the sentence (which field, how long;
    // which checks found what); a segment's key means nothing in its own row.
    const found = body.findings && body.findings[row.dataset.key];
    const detail = found ? found.join("; ") : (body.field ? body.message : "");
    if (detail) { parts.push(el("small", "muted detail", "(" + detail + ")")); }
    if (status === 409 && body.current_version !== undefined) {
      // A conflict: their text beside mine; saving again keeps mine, or take theirs.
      const form = row.querySelector("form.save");
      form.querySelector("input[name=version]").value = String(body.current_version);
      const theirs = el("blockquote", "theirs", body.current_text);
      theirs.dataset.testid = "theirs";
      const take = el("button", "small", i18n.i18nTakeTheirs);
      take.type = "button";
      take.dataset.takeTheirs = "";
      take.dataset.text = body.current_text;
      take.dataset.version = String(body.current_version);
      parts.push(el("br"), el("small", "", i18n.i18nTheirs), theirs, take);
    }
    say(row, parts, "error");
    row.dataset.error = body.error || "error";
  }

  // Sending a row's action; the answer replaces the row
  let busy = false;
  function send(row, action, fields, then) {
    if (busy) { return Promise.resolve(null); }
    busy = true;
    row.classList.add("busy");
    const area = areaOf(row);
    const typed = area ? area.value : "";
    return fetch(rowUrl(row.dataset.key, action), {
      method: "POST",
      headers: {"Accept": "application/json", "Content-Type": "application/json", "X-CSRFToken": box.dataset.csrf},
      body: JSON.stringify(fields),
      credentials: "same-origin",
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) { return {ok: r.ok, status: r.status, body: body}; });
    }).then(function (res) {
      if (!res.ok) {
        refusal(row, res.body, res.status);
        if (area) { area.value = typed; }
        const field = res.body.field === "reason" ? row.querySelector("input[name=reason]") : null;
        (field || area || row).focus();
        return null;
      }
      const fresh = replaceRow(row, res.body);
      if (then) { then(fresh, res.body); }
      return fresh;
    }).catch(function () {
      say(row, i18n.i18nNetwork, "error");
      return null;
    }).finally(function () { busy = false; row.classList.remove("busy"); });
  }
  function replaceRow(row, body) {
    const oldVersion = row.dataset.version;
    const holder = document.createElement("template");
    holder.innerHTML = body.row.trim();
    const fresh = holder.content.firstElementChild;
    row.replaceWith(fresh);
    try { localStorage.removeItem(prefix + body.key + ":" + oldVersion); } catch (e) { /* ignore */ }
    const counts = document.getElementById("editor-counts");
    if (counts && body.counts) {
      holder.innerHTML = body.counts.trim();
      counts.replaceWith(holder.content.firstElementChild);
    }
    const area = areaOf(fresh);
    if (area) { restoreDraft(area); grow(area); }
    if (body.message) { say(fresh, body.message, "ok"); }
    // The preview and the header status (preview.js) follow every change made in place.
    document.dispatchEvent(new CustomEvent("transdesk:saved", { detail: { key: body.key } }));
    return fresh;
  }
  function goNext(fresh, body) {
    if (!body.next) {
      say(fresh, body.done, "done");
      const all = document.querySelector("[data-testid=all-done]");
      if (all) { all.textContent = body.done; all.hidden = false; }
      areaOf(fresh).focus();
      return;
    }
    const target = document.getElementById("seg-" + body.next);
    if (target) {
      const area = areaOf(target);
      area.focus();
      target.scrollIntoView({block: "center"});
    } else {
      window.location.assign(body.next_url);  // on another page of the article
    }
  }
  function save(row, next) {
    const area = areaOf(row);
    const version = row.querySelector("form.save input[name=version]").value;
    return send(row, "save", {text: area.value, version: version}, function (fresh, body) {
      if (next) { goNext(fresh, body); } else { areaOf(fresh).focus(); }
    });
  }
  function approve(row, next) {
    const version = row.querySelector("form.save input[name=version]").value;
    return send(row, "approve", {version: version}, function (fresh, body) {
      if (next) { goNext(fresh, body); } else { focusRow(fresh); }
    });
  }
  function reject(row) {
    const reason = row.querySelector("input[name=reason]");
    return send(row, "reject", {reason: reason ? reason.value : ""}, function (fresh, body) {
      goNext(fresh, body);
    });
  }
  function focusRow(row) {
    const target = row.querySelector("button.approve:not([disabled])") || areaOf(row);
    target.focus();
  }

  box.addEventListener("submit", function (event) {
    const form = event.target;
    const row = rowOf(form);
    const handled = ["save", "comment-form", "dismiss-form"].some(function (c) { return form.classList.contains(c); });
    if (!row || !handled) { return; }  // any other form of a row posts as it is
    event.preventDefault();
    if (form.classList.contains("save")) {
      const action = event.submitter ? event.submitter.dataset.action : "save";
      if (action === "approve") { approve(row, false); }
      else if (action === "reject") { reject(row); }
      else { save(row, form.querySelector("input[name=next]").value === "1"); }
    } else if (form.classList.contains("comment-form")) {
      const input = form.querySelector("input[name=body]");
      send(row, "comment", {body: input.value}, function (fresh) {
        const toggle = fresh.querySelector("button[data-comment-toggle]");
        if (toggle) { toggle.focus(); }
      });
    } else if (form.classList.contains("dismiss-form")) {
      send(row, "dismiss", {
        check: form.querySelector("input[name=check]").value,
        reason: form.querySelector("input[name=reason]").value,
      }, function (fresh) { areaOf(fresh).focus(); });
    }
  });

  // Suggestions
  function insert(row, text) {
    const area = areaOf(row);
    area.value = text;
    area.dispatchEvent(new Event("input", {bubbles: true}));
    area.focus();
  }
  function suggestionBox(row) {
    let panel = row.querySelector(".suggestions");
    if (panel) { return panel; }
    panel = el("div", "suggestions");
    providers.forEach(function (id) {
      const button = el("button", "small link", i18n.i18nMt + ": " + id);
      button.type = "button";
      button.dataset.mt = id;
      if (blocked.indexOf(id) >= 0) {
        button.disabled = true;
        button.title = i18n.i18nEmbargoed;
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
        const saved = areaOf(row).dataset.saved;
        (body.memory || []).forEach(function (m) {
          if (m.target === saved) { return; }  // already the translation
          const item = addSuggestion(row, m.target, m.score + "%", function (li) {
            li.appendChild(el("small", "muted", " " + (m.origin_label || m.origin) + (m.same_context ? " · ✓" : "")));
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
    if (row && event.target.name === "text") { loadMemory(row); }
  });

  // Clicks: use a suggestion, ask a machine translation, take theirs, dismiss, comment
  function commentForm(row, show) {
    const toggle = row.querySelector("button[data-comment-toggle]");
    let form = toggle.parentElement.querySelector("form.comment-form");
    if (!form) {
      form = el("form", "comment-form");
      form.method = "post";
      form.action = segmentUrl(row, "/comments");
      const token = el("input");
      token.type = "hidden"; token.name = "csrf_token"; token.value = box.dataset.csrf;
      const label = el("label", "inline-label");
      label.appendChild(el("span", "sr", i18n.i18nNewComment));
      const input = el("input");
      input.name = "body"; input.required = true;
      label.appendChild(input);
      const sendButton = el("button", "small", i18n.i18nComment);
      sendButton.type = "submit";
      form.append(token, label, sendButton);
      form.hidden = true;
      toggle.insertAdjacentElement("afterend", form);
    }
    form.hidden = show === undefined ? !form.hidden : !show;
    toggle.setAttribute("aria-expanded", String(!form.hidden));
    if (!form.hidden) { form.querySelector("input[name=body]").focus(); }
  }
  box.addEventListener("click", function (event) {
    const target = event.target;
    const use = target.closest("button[data-use]");
    if (use) {
      insert(rowOf(use), use.parentElement.querySelector(".suggestion-text").textContent);
      return;
    }
    const theirs = target.closest("button[data-take-theirs]");
    if (theirs) {
      const row = rowOf(theirs);
      const area = areaOf(row);
      area.dataset.saved = theirs.dataset.text;
      row.dataset.version = theirs.dataset.version;
      insert(row, theirs.dataset.text);
      say(row, "", "ok");
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
          else { addSuggestion(row, res.body.text || res.body.message || "error", "!"); }
        })
        .catch(function () { addSuggestion(row, i18n.i18nNetwork, "!"); })
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
      label.appendChild(el("span", "sr", i18n.i18nWhy));
      const reason = el("input");
      reason.name = "reason"; reason.required = true; reason.placeholder = i18n.i18nWhy;
      label.appendChild(reason);
      const sendButton = el("button", "small", i18n.i18nDismiss);
      sendButton.type = "submit";
      form.append(label, sendButton);
      dismiss.replaceWith(form);
      reason.focus();
      return;
    }
    const toggle = target.closest("button[data-comment-toggle]");
    if (toggle) { commentForm(rowOf(toggle)); }
  });

  // Keyboard
  function move(area, step) {
    const all = areas();
    const next = all[all.indexOf(area) + step];
    if (next) { next.focus(); next.scrollIntoView({block: "center"}); }
  }
  document.addEventListener("keydown", function (event) {
    const inRow = event.target.closest ? rowOf(event.target) : null;
    const area = event.target.closest ? event.target.closest("section.segment textarea[name=text]") : null;
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    if (event.key === "?" && !typing) {
      const dialog = document.getElementById("shortcuts");
      if (dialog && !dialog.open) { dialog.showModal(); }
      event.preventDefault();
      return;
    }
    if (!inRow) { return; }
    const row = inRow;
    if (event.target.name === "reason" && event.key === "Enter" && event.target.closest("form.save")) {
      event.preventDefault();  // Enter in the reason sends the rejection, not a save
      reject(row);
      return;
    }
    if (event.ctrlKey && event.shiftKey && event.key === "Enter") {
      if (!reviewer) { return; }
      event.preventDefault();
      const button = row.querySelector("button.approve");
      if (button && row.querySelector("ul.findings li.error:not(.dismissed)")) {
        say(row, i18n.i18nQaBlocked, "error");  // refused before asking: the row shows why
      } else if (button && !button.disabled) {
        approve(row, true);
      } else if (row.dataset.mine === "1" && button) {
        const note = row.querySelector(".four-eyes-note");
        say(row, note ? note.textContent : "", "error");
      } else {
        goNextFrom(row);
      }
      return;
    }
    if (event.ctrlKey && event.shiftKey && (event.key === "X" || event.key === "x")) {
      const reason = row.querySelector("input[name=reason]");
      if (reason) {
        event.preventDefault();
        reason.placeholder = i18n.i18nReason;
        reason.focus();
      }
      return;
    }
    if (event.ctrlKey && event.shiftKey && (event.key === "M" || event.key === "m")) {
      event.preventDefault();
      commentForm(row, true);
      return;
    }
    if (!area) { return; }
    if (event.ctrlKey && !event.shiftKey && event.key === "Enter") {
      event.preventDefault();
      save(row, true);
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
  function goNextFrom(row) {
    // Nothing to approve here: ask the desk where the next segment needing you is.
    fetch(rowUrl(row.dataset.key, "show"), {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) { if (body) { goNext(row, body); } });
  }

  const toggle = document.querySelector("[data-shortcuts-toggle]");
  if (toggle) {
    toggle.addEventListener("click", function () { document.getElementById("shortcuts").showModal(); });
  }
  areas().forEach(grow);
  const focus = document.querySelector("textarea[data-focus]");
  if (focus) { focus.focus(); focus.scrollIntoView({block: "center"}); }
})();
