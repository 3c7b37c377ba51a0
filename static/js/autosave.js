// Autosave you can trust: every state is shown, nothing typed is lost.
//
// The step form saves itself through htmx (hx-trigger on the form). This file adds what htmx
// does not do by itself:
// - the states: "saving…" while a save is in flight; the server's answer says "saved at" (or
//   what went wrong); a failed save says "not saved – retrying" and tries again with back-off
//   (2, 4, 8 … 30 s); offline it says so and sends as soon as the browser is back online;
// - a draft: every change is kept in localStorage until the server has it, with the base the
//   page had, so a reload (or a crash) after typing offline brings the text back and saves it;
// - leaving the page with changes not yet saved asks first;
// - "take theirs" in a conflict puts the other value into the field before the save.
// Without JavaScript the form is a plain form with a Save button.

document.documentElement.classList.add("js");

(() => {
  const MAX_DELAY = 30;
  let form = null;
  let status = null;
  let edits = 0; // changes made on this page
  let savedEdits = 0; // changes the server has answered for
  let sentEdits = null; // changes the request in flight carries (null: none in flight)
  let failures = 0;
  let answered = null; // the form's values the server last answered for
  let sending = null; // the values of the request in flight
  let retryTimer = null;

  const draftKey = () => `exitcoach:draft:${form.getAttribute("action")}`;
  const dirty = () => edits > savedEdits;

  function say(text, kind) {
    if (!status) return;
    status.className = `save-status${kind ? ` save-status--${kind}` : ""}`;
    status.textContent = text;
  }

  function values() {
    const out = [];
    for (const [name, value] of new FormData(form)) {
      if (name !== "csrf_token" && typeof value === "string") out.push([name, value]);
    }
    return out;
  }

  function base() {
    return form.querySelector("#save-base")?.value ?? "";
  }

  function keepDraft() {
    try {
      localStorage.setItem(draftKey(), JSON.stringify({ base: base(), values: values() }));
    } catch {
      // storage full or disabled: the save itself still goes out
    }
  }

  function dropDraft() {
    try {
      localStorage.removeItem(draftKey());
    } catch {
      // nothing to drop
    }
  }

  function restoreDraft() {
    let draft = null;
    try {
      draft = JSON.parse(localStorage.getItem(draftKey()) || "null");
    } catch {
      draft = null;
    }
    if (!draft || !Array.isArray(draft.values)) return false;
    const byName = new Map();
    for (const [name, value] of draft.values) {
      if (!byName.has(name)) byName.set(name, []);
      byName.get(name).push(value);
    }
    for (const el of form.elements) {
      if (!el.name || el.name === "csrf_token" || el.type === "submit" || el.type === "button") {
        continue;
      }
      const wanted = byName.get(el.name) ?? [];
      if (el.type === "radio" || el.type === "checkbox") el.checked = wanted.includes(el.value);
      else if (el.name !== "_base" && byName.has(el.name)) el.value = wanted[0];
    }
    const baseInput = form.querySelector("#save-base");
    if (baseInput && typeof draft.base === "string" && draft.base) baseInput.value = draft.base;
    return true;
  }

  function typedBeforeStart() {
    // What the server rendered is each field's default: any difference was typed already.
    for (const el of form.elements) {
      if (!el.name || el.name === "csrf_token" || el.name === "_base") continue;
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked !== el.defaultChecked) return true;
      } else if (el.tagName === "SELECT") {
        // With no option marked selected, the browser shows the first one.
        const marked = [...el.options].some((option) => option.defaultSelected);
        const shown = (option, i) => (marked ? option.defaultSelected : i === 0 && !el.multiple);
        if ([...el.options].some((option, i) => option.selected !== shown(option, i))) return true;
      } else if (el.type !== "submit" && el.type !== "button" && el.value !== el.defaultValue) {
        return true;
      }
    }
    return false;
  }

  function save() {
    clearTimeout(retryTimer);
    retryTimer = null;
    if (!navigator.onLine) {
      say(status?.dataset.offline ?? "", "error");
      return;
    }
    htmx.trigger(form, "change");
  }

  function retryLater() {
    failures += 1;
    if (!navigator.onLine) {
      say(status?.dataset.offline ?? "", "error");
      return;
    }
    const delay = Math.min(MAX_DELAY, 2 ** failures);
    say((status?.dataset.retrying ?? "").replace("{s}", String(delay)), "error");
    clearTimeout(retryTimer);
    retryTimer = setTimeout(save, delay * 1000);
  }

  const ours = (event) => form && event.detail?.elt && form.contains(event.detail.elt);

  function changed(event) {
    // Only what the user does counts: a save or retry fires "change" on the form itself.
    if (event.target === form || event.target?.name === "_base") return;
    edits += 1;
    keepDraft();
  }

  const snapshot = () => JSON.stringify(values().filter(([name]) => name !== "_base"));

  function beforeRequest(event) {
    if (!ours(event)) return;
    if (!navigator.onLine) {
      event.preventDefault(); // no point trying: say so, and send when back online
      say(status?.dataset.offline ?? "", "error");
      return;
    }
    const now = snapshot();
    if (event.detail.elt === form && now === answered && !dirty()) {
      // Leaving a field after its typing pause already saved it: nothing new to send. (It
      // also keeps the answer from redrawing a button the user is about to click.)
      event.preventDefault();
      return;
    }
    sending = now;
    sentEdits = edits;
    say(status?.dataset.saving ?? "", "saving");
  }

  function afterRequest(event) {
    if (!ours(event) || sentEdits === null) return;
    const code = event.detail.xhr?.status ?? 0;
    const carried = sentEdits;
    sentEdits = null;
    status = document.getElementById("save-status");
    // 2xx, 422 (a field needs fixing) and 409 (a conflict to settle) are answers: the server
    // has stored what it could and says so. Anything else did not reach it or failed there.
    if ((code >= 200 && code < 300) || code === 422 || code === 409) {
      failures = 0;
      answered = sending;
      savedEdits = Math.max(savedEdits, carried);
      if (!dirty() && code !== 409) dropDraft();
      else keepDraft();
      if (dirty()) save();
      return;
    }
    retryLater();
  }

  function takeTheirs(event) {
    const button = event.target.closest?.("button[data-take-field]");
    if (!button || !form?.contains(button)) return;
    let wanted = [];
    try {
      wanted = JSON.parse(button.dataset.takeValues || "[]");
    } catch {
      wanted = [];
    }
    for (const el of form.elements) {
      if (el.name !== button.dataset.takeField) continue;
      if (el.type === "radio" || el.type === "checkbox") el.checked = wanted.includes(el.value);
      else el.value = wanted[0] ?? "";
    }
  }

  function start() {
    form = document.getElementById("step-form");
    if (!form || !form.hasAttribute("hx-post")) return;
    status = document.getElementById("save-status");
    // Every edit fires "input" (typing, ticking, choosing); "change" on leaving adds nothing.
    form.addEventListener("input", changed);
    document.addEventListener("htmx:beforeRequest", beforeRequest);
    document.addEventListener("htmx:afterRequest", afterRequest);
    // Capture: the field must hold the other value before htmx reads the form.
    document.addEventListener("click", takeTheirs, true);
    window.addEventListener("online", () => {
      if (dirty()) save();
    });
    window.addEventListener("offline", () => say(status?.dataset.offline ?? "", "error"));
    window.addEventListener("beforeunload", (event) => {
      if (dirty() || sentEdits !== null) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    // A draft from before a reload, or typing that happened before these scripts ran (a slow
    // machine shows the page before its scripts): both are changes to send. htmx processes the
    // form after DOMContentLoaded; send once it is wired.
    if (restoreDraft() || typedBeforeStart()) {
      edits += 1;
      keepDraft();
      setTimeout(save, 0);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
