// After saves made in place (`transdesk:saved` on document, dispatched by the editor):
// the header's live status (words, origins, Approve all, Publish, why publishing waits) is
// fetched again and swapped in, then `transdesk:status-updated` is dispatched.
(function () {
  "use strict";
  let inflight = null;
  function refreshStatus() {
    const box = document.getElementById("editor-status");
    if (!box || !box.dataset.statusUrl) return;
    if (inflight) inflight.abort();
    inflight = new AbortController();
    fetch(box.dataset.statusUrl, { headers: { Accept: "text/html" }, signal: inflight.signal })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        const doc = new DOMParser().parseFromString(html, "text/html");
        const fresh = doc.getElementById("editor-status");
        const current = document.getElementById("editor-status");
        if (fresh && current) {
          current.replaceWith(document.importNode(fresh, true));
          document.dispatchEvent(new CustomEvent("transdesk:status-updated"));
        }
      })
      .catch(function () { /* the page still works; the next save tries again */ });
  }
  // Debounced: a run of Ctrl+Enter saves asks once, after the last one.
  let timer = null;
  document.addEventListener("transdesk:saved", function () {
    clearTimeout(timer);
    timer = setTimeout(refreshStatus, 400);
  });
})();

// The preview panel: loads the article as it will be published (the bundle's article.html)
// when opened, reloads it after each save and on the Refresh button, keeping the reader's
// scroll position.
(function () {
  "use strict";
  const panel = document.getElementById("preview-panel");
  if (!panel) return;
  const frame = panel.querySelector("iframe");
  const status = panel.querySelector("[data-preview-status]");
  const button = panel.querySelector("[data-preview-refresh]");
  let stale = true;
  let scroll = 0;
  const clock = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    hour: "numeric",
    minute: "2-digit",
    timeZone: "Asia/Seoul",
  });

  function refresh() {
    if (!panel.open) {
      stale = true;
      return;
    }
    try {
      scroll = frame.contentWindow ? frame.contentWindow.scrollY : 0;
    } catch (e) {
      scroll = 0;
    }
    stale = false;
    panel.setAttribute("aria-busy", "true");
    frame.src = frame.dataset.src + "?t=" + Date.now();
  }

  frame.addEventListener("load", function () {
    if (!frame.src) return;
    panel.removeAttribute("aria-busy");
    try {
      frame.contentWindow.scrollTo(0, scroll);
    } catch (e) {
      /* another origin: nothing to restore */
    }
    status.textContent = status.dataset.i18nUpdated + " " + clock.format(new Date()) + " KST";
    panel.dataset.loads = String(Number(panel.dataset.loads || 0) + 1);
    document.dispatchEvent(new CustomEvent("transdesk:preview-updated"));
  });
  panel.addEventListener("toggle", function () {
    if (panel.open && stale) refresh();
  });
  button.addEventListener("click", refresh);
  let timer = null;
  document.addEventListener("transdesk:saved", function () {
    if (!panel.open) {
      stale = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
})();
