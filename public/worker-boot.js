// Starts the analysis worker. Replaces Trunk's loader shim so that the worker's files
// are fetched with the app's build id (the `v` parameter of this script's URL): Trunk
// does not hash worker file names, and without it a browser cache could pair a new app
// with an old worker after a deployment.
const build = new URL(import.meta.url).searchParams.get("v") ?? "";
const worker = await import(`./worker.js?v=${build}`);
const wasm = await worker.default({ module_or_path: new URL(`./worker_bg.wasm?v=${build}`, import.meta.url) });
// For diagnostics (tests/browser/bench-load.mjs): wasm memory only grows, so its size
// after a job is the most the worker's linear memory has held.
self.crmLensMemory = wasm.memory;
// The benchmark entry points (src/bin/worker/bench.rs), for tests/browser/bench-analyses.mjs.
self.crmLensBench = {
  kmeans: worker.bench_kmeans,
  rules: worker.bench_rules,
  recommend: worker.bench_recommend,
  recommendFull: worker.bench_recommend_full,
  value: worker.bench_value,
};
