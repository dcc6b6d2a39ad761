// Test only (tests/browser/prerender.rs): holds every widget wasm response
// until the test calls releaseWasm(), so the prerendered first view can be
// seen and used before the wasm arrives; counts the wasm fetches asked for,
// records the widget's host events and any CSP violation. A classic script,
// loaded before the loader (a module, which runs after it).
(() => {
  const realFetch = window.fetch.bind(window);
  let release;
  const released = new Promise((resolve) => (release = resolve));
  window.releaseWasm = () => release();
  window.wasmAsked = 0;
  window.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.endsWith("_bg.wasm")) return realFetch(input, init);
    window.wasmAsked += 1;
    return released.then(() => realFetch(input, init));
  };
  window.widgetEvents = [];
  for (const type of ["start", "answer"]) {
    document.addEventListener(`b2b-assessment:${type}`, (e) => window.widgetEvents.push([e.target.id, type]));
  }
  window.cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
})();
