// Small behaviours htmx leaves to us. htmx runs with eval off, so there are
// no inline event filters: these listeners do that work.

// Escape cancels an inline rename or delete step.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") {
    return;
  }
  const scope = event.target.closest("[data-cancel-on-escape]");
  const cancel = scope?.closest("li")?.querySelector("[data-cancel]");
  if (cancel) {
    event.preventDefault();
    cancel.click();
  }
});

// Keep keyboard focus where the user was. Remember the form and the list
// row that started a request; once htmx has settled, focus the form's first
// error, or the row again (its first control), or, when the row is gone,
// the list's count.
let submittedFormId = null;
let activeRowId = null;
let swapTargetId = null;
document.addEventListener("htmx:beforeRequest", (event) => {
  const elt = event.detail.elt;
  swapTargetId = event.detail.target?.id || null;
  if (elt.tagName === "FORM" && elt.id) {
    submittedFormId = elt.id;
  }
  const row = elt.closest("li[id]");
  if (row) {
    activeRowId = row.id;
  } else if (!elt.closest("#label-results")) {
    // The list refreshing itself keeps the row; anything else forgets it.
    activeRowId = null;
  }
});
document.addEventListener("htmx:afterSettle", () => {
  const form = submittedFormId && document.getElementById(submittedFormId);
  const invalid = form?.querySelector(
    '[aria-invalid="true"], input.is-invalid, select.is-invalid, textarea.is-invalid',
  );
  if (invalid) {
    invalid.focus();
    submittedFormId = null;
    return;
  }
  const focusLost =
    !document.activeElement || document.activeElement === document.body;
  if (focusLost && !activeRowId && swapTargetId) {
    // A part of the page was replaced under the focus (the poster, the
    // whole main area): start again from its first control, or itself.
    const part = document.getElementById(swapTargetId);
    const controls = "input:not([type=hidden]), select, textarea, button, a[href]";
    const first = swapTargetId === "main" ? null : part?.querySelector(controls);
    (first || part)?.focus();
    return;
  }
  if (!focusLost || !activeRowId) {
    return;
  }
  const row = document.getElementById(activeRowId);
  const target = row
    ? row.querySelector(
        "[autofocus], input:not([type=hidden]), [data-focus], button, a[href]",
      )
    : document.getElementById("label-count");
  target?.focus();
  if (!row) {
    activeRowId = null;
  }
});

// Say so when an htmx request fails, instead of leaving the page unchanged.
function showError(text) {
  const region = document.getElementById("messages");
  if (!region) {
    return;
  }
  const alert = document.createElement("div");
  alert.className = "alert alert-danger mb-2";
  alert.setAttribute("role", "alert");
  alert.textContent = text;
  region.append(alert);
}
document.addEventListener("htmx:responseError", (event) => {
  const status = event.detail.xhr.status;
  const reason =
    {
      403: "Your session changed. Reload the page and try again.",
      404: "That item no longer exists. Reload the page to see the current list.",
      429: "Too many attempts. Wait a little and try again.",
    }[status] || "Something went wrong on our side. Please try again.";
  showError(reason);
});
document.addEventListener("htmx:sendError", () => {
  showError("The server could not be reached. Check your connection and try again.");
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
