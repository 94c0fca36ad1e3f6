// Times the analyses' benchmark jobs inside the app's worker in headless Chromium, on the
// files the native benchmarks use (served from the site's own origin): run by
// scripts/bench-kmeans.sh, scripts/bench-baskets.sh, scripts/bench-recommend.sh and
// scripts/bench-value.sh after a release build.
//   node tests/browser/bench-analyses.mjs kmeans POINTS.f64 INIT.f64 [REPEATS]
//   node tests/browser/bench-analyses.mjs rules BASKETS.tsv MIN_SUPPORT [REPEATS]
//   node tests/browser/bench-analyses.mjs recommend PAIRS.u32 item-cf|full [REPEATS]
//   node tests/browser/bench-analyses.mjs value CUSTOMERS.f64 - [REPEATS]
import { copyFile, mkdir, rm } from "node:fs/promises";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { App, launchBrowser } from "./harness.mjs";
import { serveSite } from "./server.mjs";

const [kind, first, second, repeats = "3"] = process.argv.slice(2);
const root = fileURLToPath(new URL("../../dist", import.meta.url));
// The data goes beside the site for the run, so the worker fetches it from its origin.
const data = `${root}/bench`;
await mkdir(data, { recursive: true });
const files = kind === "kmeans" ? [first, second] : [first];
for (const file of files) await copyFile(file, `${data}/${basename(file)}`);

const site = await serveSite({ root, prefix: "crm-lens" });
const browser = await launchBrowser();
try {
  const app = await App.open(browser, site.url);
  const [worker] = app.page.workers();
  const urls = files.map((file) => `${site.url}bench/${basename(file)}`);
  const runs = [];
  for (let i = 0; i < Number(repeats); i++) {
    const result = await worker.evaluate(
      async ({ kind, urls, minSupport, what }) => {
        const bodies = await Promise.all(urls.map((url) => fetch(url)));
        if (kind === "kmeans") {
          const [points, init] = await Promise.all(bodies.map(async (b) => new Uint8Array(await b.arrayBuffer())));
          return Array.from(self.crmLensBench.kmeans(points, init, 8, 20));
        }
        if (kind === "value") {
          return Array.from(self.crmLensBench.value(new Uint8Array(await bodies[0].arrayBuffer())));
        }
        if (kind === "recommend") {
          const pairs = new Uint8Array(await bodies[0].arrayBuffer());
          const bench = what === "full" ? self.crmLensBench.recommendFull : self.crmLensBench.recommend;
          return Array.from(bench(pairs));
        }
        return Array.from(self.crmLensBench.rules(await bodies[0].text(), minSupport));
      },
      { kind, urls, minSupport: Number(second), what: second },
    );
    runs.push(result);
    const [ms, a, b] = result;
    const memory = result[result.length - 1];
    const what =
      kind === "kmeans"
        ? `inertia ${a.toFixed(5)}, ${b} iterations`
        : kind === "value"
          ? `r ${a.toFixed(6)} alpha ${b.toFixed(6)} a ${result[3].toFixed(6)} b ${result[4].toFixed(6)}; p ${result[5].toFixed(6)} q ${result[6].toFixed(6)} v ${result[7].toFixed(6)}; total CLV ${result[8].toFixed(2)}`
          : kind === "rules"
            ? `${a} itemsets, ${b} rules`
            : second === "full"
              ? `${a} customers evaluated, blend hit rate ${b.toFixed(6)}`
              : `${a} items recommended, score sum ${b.toFixed(6)}`;
    console.log(`run ${i + 1}: ${(ms / 1000).toFixed(3)} s; ${what}; worker wasm memory ${(memory / 2 ** 20).toFixed(0)} MB`);
  }
  const times = runs.map((r) => r[0]).sort((a, b) => a - b);
  const label = kind === "recommend" ? `recommend (${second})` : kind;
  console.log(`${label} in the worker (Chromium): median ${(times[times.length >> 1] / 1000).toFixed(3)} s, min ${(times[0] / 1000).toFixed(3)} s`);
  assertClean(app);
  await app.close();
} finally {
  await browser.close();
  await site.close();
  await rm(data, { recursive: true, force: true });
}

function assertClean(app) {
  if (app.errors.length) throw new Error(`console errors: ${app.errors.join("; ")}`);
}
