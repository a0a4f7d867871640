// The review queue's assignments without a reload: the form is sent with fetch, the row's
// translator, reviewer and deadline are updated in place, and a refusal (an unknown user,
// a translator who cannot review, a bad deadline) is said next to the form, in the UI
// language, with what was typed kept. Without JavaScript the form posts as before.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form.matches || !form.matches("form.assign")) { return; }
    event.preventDefault();
    const msg = form.querySelector(".assign-msg");
    const data = new FormData(form);
    fetch(form.action, {
      method: "POST",
      body: data,
      headers: {"Accept": "application/json", "X-CSRFToken": data.get("csrf_token")},
      credentials: "same-origin",
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) { return {ok: r.ok, body: body}; });
    }).then(function (res) {
      msg.hidden = false;
      if (!res.ok) {
        msg.className = "assign-msg error";
        msg.setAttribute("role", "alert");
        msg.textContent = (res.body.text || "") + (res.body.message ? " (" + res.body.message + ")" : "");
        return;
      }
      msg.className = "assign-msg ok";
      msg.setAttribute("role", "status");
      msg.textContent = res.body.message;
      // The form sits folded in its row's last cell (or, in older markup, in a row of its own).
      const tr = form.closest("tr");
      const row = tr && tr.classList.contains("assign-row") ? tr.previousElementSibling : tr;
      ["translator", "reviewer", "deadline"].forEach(function (name) {
        const cell = row && row.querySelector("[data-cell=" + name + "]");
        if (cell) { cell.textContent = res.body[name] || "—"; }
      });
    }).catch(function () {
      msg.hidden = false;
      msg.className = "assign-msg error";
      msg.textContent = "network error";
    });
  });
})();
