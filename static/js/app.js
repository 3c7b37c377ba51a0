// Small progressive enhancements; the app works without this file.
document.addEventListener("htmx:afterSwap", (event) => {
  // After an inline form appears, put the cursor in its first field.
  const input = event.detail.target.querySelector?.("input[autofocus], textarea[autofocus]");
  if (input) input.focus();
});

// On phones the step navigator is a sideways-scrolling row: show the current step.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelector(".step--current")?.scrollIntoView({ inline: "center", block: "nearest" });
});
