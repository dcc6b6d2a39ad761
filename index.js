// Starts the widget on this page: loads the wasm (streaming compile), then
// mounts every [data-b2b-assessment] element.
import init, { mountAll } from "./pkg/b2b_assessment.js";

try {
  await init();
  mountAll();
} catch (err) {
  console.error("b2b-assessment: could not start:", err);
  for (const el of document.querySelectorAll("[data-b2b-assessment]")) {
    el.setAttribute("data-b2b-assessment-failed", "");
    el.textContent = "診断を読み込めませんでした。ページを再読み込みしてください。/ The check-up could not be loaded; please reload the page.";
  }
}
