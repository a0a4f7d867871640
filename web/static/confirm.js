// Confirmation with counts before Publish and "Approve all": a dialog instead of the
// checkbox that the forms require without JavaScript. The forms may be replaced after a
// save made in place (preview.js swaps the header's status in), so submits are caught on
// the document and new forms are prepared on `transdesk:status-updated`.
(function () {
  "use strict";
  const dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return;
  const text = dialog.querySelector("#confirm-dialog-text");
  const ok = dialog.querySelector("[data-confirm-ok]");
  const okDefault = ok.textContent;
  let pending = null;

  function prepare() {
    document.querySelectorAll("form.confirm-form .confirm-check").forEach(function (label) {
      label.hidden = true;
      const check = label.querySelector("input");
      if (check) check.required = false;
    });
  }

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("confirm-form")) return;
    if (form.dataset.confirmed === "1") return;
    event.preventDefault();
    pending = form;
    text.textContent = form.dataset.confirm;
    ok.textContent = form.dataset.confirmOk || okDefault;
    dialog.showModal();
    ok.focus();
  });

  dialog.addEventListener("close", function () {
    const form = pending;
    pending = null;
    if (!form || dialog.returnValue !== "ok") return;
    const check = form.querySelector(".confirm-check input");
    if (check) check.checked = true;
    form.dataset.confirmed = "1";
    form.submit();
  });

  document.addEventListener("transdesk:status-updated", prepare);
  prepare();
})();
