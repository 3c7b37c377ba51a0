// Small progressive enhancements; the app works without this file.

// When htmx brings in new content with an autofocus field (an inline rename form, a new row),
// put the cursor there. htmx:load fires once per newly inserted element, never for the
// out-of-band status and error updates of an autosave, so typing is never interrupted.
document.addEventListener("htmx:load", (event) => {
  const elt = event.detail.elt;
  if (elt === document.body) return;
  const input = elt.matches?.("[autofocus]") ? elt : elt.querySelector?.("[autofocus]");
  if (input) input.focus();
});

// An error slot filled or cleared by an autosave: mark its field (aria-invalid) to match.
document.addEventListener("htmx:oobAfterSwap", (event) => {
  const slot = event.detail.target;
  if (!slot?.id?.endsWith("-error")) return;
  const field = document.getElementById(slot.id.slice(0, -"-error".length));
  if (!field) return;
  if (slot.textContent.trim()) field.setAttribute("aria-invalid", "true");
  else field.removeAttribute("aria-invalid");
});

// On phones the step navigator is a sideways-scrolling row: show the current step.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelector(".step--current")?.scrollIntoView({ inline: "center", block: "nearest" });
});

// "Use this suggestion": put the suggested text into the step's text area (after what is
// there), then let the form's autosave pick it up. Without JavaScript the button submits and
// the server does the same.
document.addEventListener("click", (event) => {
  const button = event.target.closest?.("button[data-suggestion]");
  if (!button) return;
  const source = document.getElementById(button.dataset.suggestion);
  const target = document.getElementById(button.dataset.target);
  if (!source || !target) return;
  event.preventDefault();
  const text = source.textContent.trim();
  target.value = target.value.trim() ? `${target.value.trim()}\n\n${text}` : text;
  target.dispatchEvent(new Event("input", { bubbles: true }));
  target.focus();
});

// PDF downloads: fetch the file so the button can say the PDF is being made and stay disabled
// until it arrives; a "busy" (503) or other error is shown beside the buttons instead of
// replacing the page. Without JavaScript the link downloads the file directly.
document.addEventListener("click", async (event) => {
  const link = event.target.closest?.("a[data-download]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  if (link.getAttribute("aria-disabled") === "true") return;
  const status = document.getElementById("download-status");
  const label = link.textContent;
  link.setAttribute("aria-disabled", "true");
  link.textContent = link.dataset.busyLabel || label;
  if (status) status.replaceChildren();
  try {
    const response = await fetch(link.href, {
      credentials: "same-origin",
      headers: { "HX-Request": "true" },
    });
    if (!response.ok) {
      const html = await response.text();
      if (status) status.innerHTML = html;
      return;
    }
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const save = document.createElement("a");
    save.href = url;
    save.download = response.headers.get("X-Download-Name") || "exitcoach.pdf";
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch {
    window.location.href = link.href;
  } finally {
    link.textContent = label;
    link.removeAttribute("aria-disabled");
  }
});

// A <details> the user opened stays open when an autosave redraws the part around it (the
// style profiles below the "your style and theirs" form); a link to a closed one opens it.
const openDetails = new Set();
document.addEventListener(
  "toggle",
  (event) => {
    const details = event.target;
    if (!(details instanceof HTMLDetailsElement) || !details.id) return;
    if (details.open) openDetails.add(details.id);
    else openDetails.delete(details.id);
  },
  true,
);
document.addEventListener("htmx:oobAfterSwap", () => {
  for (const id of openDetails) {
    const details = document.getElementById(id);
    if (details instanceof HTMLDetailsElement && !details.open) details.open = true;
  }
});
document.addEventListener("click", (event) => {
  const link = event.target.closest?.('a[href^="#"]');
  const details = link && document.getElementById(link.getAttribute("href").slice(1));
  if (details instanceof HTMLDetailsElement) details.open = true;
});
