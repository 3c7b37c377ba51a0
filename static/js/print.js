// The print preview's "Print" button: the browser's own print dialog. The button is hidden
// until this file runs, so without JavaScript no button is shown that does nothing (the CSP
// allows no inline script, hence this file).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
