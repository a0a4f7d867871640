// Keyboard for the alignment review: on a focused bead row, m merges with the next bead,
// s splits it, ↑/↓ move its first/last source sentence, Shift+↑/↓ its target sentence;
// j/k move the focus between beads. Each key presses the matching button (a form post).
(function () {
  "use strict";
  function keyName(event) {
    return (event.shiftKey && event.key.startsWith("Arrow") ? "Shift+" : "") + event.key;
  }
  document.addEventListener("keydown", function (event) {
    const row = event.target.closest ? event.target.closest("tr.bead") : null;
    if (!row || event.target.tagName === "BUTTON" || event.ctrlKey || event.altKey || event.metaKey) {
      return;
    }
    if (event.key === "j" || event.key === "k") {
      const next = event.key === "j" ? row.nextElementSibling : row.previousElementSibling;
      if (next) { next.focus(); }
      event.preventDefault();
      return;
    }
    const button = row.querySelector('button[data-key="' + keyName(event) + '"]');
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
  const hash = window.location.hash;
  if (hash.startsWith("#bead-")) {
    const row = document.querySelector(hash);
    if (row) { row.focus(); }
  }
})();
