// Small behaviours htmx leaves to us. htmx runs with eval off, so there are
// no inline event filters: these listeners do that work.

// Escape cancels an inline edit.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") {
    return;
  }
  const form = event.target.closest("[data-cancel-on-escape]");
  const cancel = form?.closest("li")?.querySelector("[data-cancel]");
  if (cancel) {
    event.preventDefault();
    cancel.click();
  }
});

// When a form comes back with errors, move focus to the first one.
let submittedFormId = null;
document.addEventListener("htmx:beforeRequest", (event) => {
  const elt = event.detail.elt;
  submittedFormId = elt.tagName === "FORM" && elt.id ? elt.id : null;
});
document.addEventListener("htmx:afterSettle", () => {
  if (!submittedFormId) {
    return;
  }
  const form = document.getElementById(submittedFormId);
  submittedFormId = null;
  form?.querySelector(".is-invalid")?.focus();
});

// Keep shareable filter URLs short: a GET form drops its empty fields.
document.addEventListener("htmx:configRequest", (event) => {
  if (event.detail.verb !== "get" || !event.detail.elt.matches?.("form")) {
    return;
  }
  for (const [name, value] of Array.from(event.detail.parameters.entries())) {
    if (value === "") {
      event.detail.parameters.delete(name);
    }
  }
});

// Show upload progress on forms marked data-progress.
document.addEventListener("htmx:xhr:progress", (event) => {
  const form = event.detail.elt.closest?.("[data-progress]");
  const bar = form?.parentElement.querySelector(".upload-progress");
  if (bar && event.detail.lengthComputable) {
    bar.hidden = false;
    bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
  }
});
