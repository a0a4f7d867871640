// Confirmation with counts before Publish and "Approve all": a dialog instead of the
// checkbox that the forms require without JavaScript.
(function () {
  "use strict";
  const dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return;
  const text = dialog.querySelector("#confirm-dialog-text");
  const ok = dialog.querySelector("[data-confirm-ok]");
  const okDefault = ok.textContent;
  let pending = null;

  document.querySelectorAll("form.confirm-form").forEach(function (form) {
    const check = form.querySelector(".confirm-check input");
    const label = form.querySelector(".confirm-check");
    if (label) label.hidden = true;
    if (check) check.required = false;
    form.addEventListener("submit", function (event) {
      if (form.dataset.confirmed === "1") return;
      event.preventDefault();
      pending = form;
      text.textContent = form.dataset.confirm;
      ok.textContent = form.dataset.confirmOk || okDefault;
      dialog.showModal();
      ok.focus();
    });
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
})();
