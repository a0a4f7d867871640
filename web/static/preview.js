// The preview panel: loads the article as it will be published (the bundle's article.html)
// when opened, reloads it after each save (`transdesk:saved` on document, dispatched by the
// editor) and on the Refresh button, keeping the reader's scroll position.
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
  document.addEventListener("transdesk:saved", refresh);
})();
