// Starts the analysis worker. Replaces Trunk's loader shim so that the worker's files
// are fetched with the app's build id (the `v` parameter of this script's URL): Trunk
// does not hash worker file names, and without it a browser cache could pair a new app
// with an old worker after a deployment.
const build = new URL(import.meta.url).searchParams.get("v") ?? "";
const worker = await import(`./worker.js?v=${build}`);
await worker.default({ module_or_path: new URL(`./worker_bg.wasm?v=${build}`, import.meta.url) });
// The benchmark entry points (src/web/worker/bench.rs), for tests/browser/bench-analyses.mjs.
self.crmLensBench = { kmeans: worker.bench_kmeans, rules: worker.bench_rules };
