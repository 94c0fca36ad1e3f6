// Starts the app. A static file instead of Trunk's inline loader, so that the page's
// Content-Security-Policy needs neither 'unsafe-inline' nor a per-build hash. Trunk
// writes the generated file names into the data attributes (see Trunk.toml).
const script = document.querySelector("script[data-js][data-wasm]");
try {
  const { default: init } = await import(script.dataset.js);
  await init({ module_or_path: script.dataset.wasm });
} catch (error) {
  const message = document.createElement("p");
  message.className = "boot-error";
  message.setAttribute("role", "alert");
  message.textContent =
    "CRM Lens could not start in this browser: " + error +
    ". It needs a current browser with WebAssembly enabled.";
  document.body.prepend(message);
  throw error;
}
