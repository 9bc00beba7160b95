import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();

// Print buttons (no inline handlers: the Content-Security-Policy forbids them).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
