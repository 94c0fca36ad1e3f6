// Times loading the benchmark's transaction log in the worker, in headless Chromium,
// from choosing the file to the quality report on screen. Run by scripts/bench-load.sh
// after a release build: `node tests/browser/bench-load.mjs FILE [REPEATS]`.
import { fileURLToPath } from "node:url";
import { App, launchBrowser } from "./harness.mjs";
import { serveSite } from "./server.mjs";

const [file, repeats = "3"] = process.argv.slice(2);
const root = fileURLToPath(new URL("../../dist", import.meta.url));
const site = await serveSite({ root, prefix: "crm-lens" });
const browser = await launchBrowser();
try {
  const times = [];
  for (let i = 0; i < Number(repeats); i++) {
    const app = await App.open(browser, site.url);
    const started = Date.now();
    await app.chooseFile(file);
    const report = await app.reportFor(file.split("/").pop(), 120000);
    times.push((Date.now() - started) / 1000);
    const memory = await app.page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
    if (i === 0) console.log(`rows kept ${report.kept}; JS heap ${(memory / 2 ** 20).toFixed(0)} MB`);
    await app.close();
  }
  times.sort((a, b) => a - b);
  console.log(`worker load in Chromium: median ${times[times.length >> 1].toFixed(3)} s, min ${times[0].toFixed(3)} s`);
} finally {
  await browser.close();
  await site.close();
}
