// Small progressive enhancements; the app works without this file.
document.addEventListener("htmx:afterSwap", (event) => {
  // After an inline form appears, put the cursor in its first field.
  const input = event.detail.target.querySelector?.("input[autofocus], textarea[autofocus]");
  if (input) input.focus();
});
