// Polls a job's progress and updates the bar until the job ends.
(function () {
  "use strict";
  const box = document.querySelector("section.job");
  if (!box) { return; }
  const bar = box.querySelector("progress");
  function field(name, value) {
    const el = box.querySelector('[data-field="' + name + '"]');
    if (el) { el.textContent = value === null || value === undefined ? "" : String(value); }
  }
  function poll() {
    fetch(box.dataset.url, {headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (p) {
        bar.value = p.percent;
        ["done", "total", "failed"].forEach(function (k) { field(k, p[k]); });
        field("state", p.state_name || p.state);
        field("message", p.message_text === undefined ? p.message : p.message_text);
        if (!p.finished) { window.setTimeout(poll, 500); } else { box.dataset.finished = "1"; }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  poll();
})();
