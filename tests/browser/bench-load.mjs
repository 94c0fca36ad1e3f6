// Times loading the benchmark's transaction log in the worker, in headless Chromium,
// from choosing the file to the quality report on screen, and the memory it took. Run
// by scripts/bench-load.sh after a release build: `node tests/browser/bench-load.mjs
// FILE [REPEATS]`. CRM_LENS_DIST names another built site to time (an older build, to
// compare in the same run).
//
// Memory, after each load (every run starts a fresh tab, whose first visit loads the
// demo before the file):
// - the worker's wasm linear memory, which only grows: its size is the most the worker's
//   wasm has held (worker-boot.js keeps the memory object on the worker's global);
// - the JS heaps of the worker (through the DevTools protocol) and of the page.
import { fileURLToPath } from "node:url";
import { App, launchBrowser } from "./harness.mjs";
import { serveSite } from "./server.mjs";

const [file, repeats = "3"] = process.argv.slice(2);
const root = process.env.CRM_LENS_DIST ?? fileURLToPath(new URL("../../dist", import.meta.url));
const site = await serveSite({ root, prefix: "crm-lens" });
const browser = await launchBrowser();
const MB = 2 ** 20;

/** The JS heap of the page's one worker: `Runtime.getHeapUsage` sent to its target. */
async function workerHeap(page) {
  const session = await page.context().newCDPSession(page);
  try {
    const attached = new Promise((resolve) => session.once("Target.attachedToTarget", (e) => resolve(e.sessionId)));
    // Not flattened: messages reach the worker through this session.
    await session.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    const sessionId = await attached;
    const reply = new Promise((resolve) =>
      session.on("Target.receivedMessageFromTarget", (e) => {
        const message = JSON.parse(e.message);
        if (message.id === 1) resolve(message.result);
      }),
    );
    const message = JSON.stringify({ id: 1, method: "Runtime.getHeapUsage" });
    await session.send("Target.sendMessageToTarget", { sessionId, message });
    return (await reply).usedSize;
  } finally {
    await session.detach();
  }
}

try {
  const runs = [];
  for (let i = 0; i < Number(repeats); i++) {
    const app = await App.open(browser, site.url);
    const name = file.split("/").pop();
    const started = Date.now();
    await app.chooseFile(file);
    // The clock stops when the report is on screen, before its figures are read.
    await app.waitForReport(name, 120000);
    const seconds = (Date.now() - started) / 1000;
    const report = await app.reportFor(name);
    const [worker] = app.page.workers();
    const linear = await worker.evaluate(() => self.crmLensMemory?.buffer.byteLength ?? NaN);
    const workerJs = await workerHeap(app.page);
    const pageJs = await app.page.evaluate(() => performance.memory?.usedJSHeapSize ?? NaN);
    runs.push({ seconds, linear, workerJs, pageJs });
    console.log(
      `run ${i + 1}: ${seconds.toFixed(3)} s, rows kept ${report.kept}; worker wasm memory ` +
        `${(linear / MB).toFixed(0)} MiB, worker JS heap ${(workerJs / MB).toFixed(1)} MiB, ` +
        `page JS heap ${(pageJs / MB).toFixed(1)} MiB`,
    );
    await app.close();
  }
  const median = (key) => runs.map((run) => run[key]).sort((a, b) => a - b)[runs.length >> 1];
  const min = Math.min(...runs.map((run) => run.seconds));
  console.log(
    `worker load in Chromium: median ${median("seconds").toFixed(3)} s, min ${min.toFixed(3)} s; ` +
      `peak wasm memory ${(Math.max(...runs.map((run) => run.linear)) / MB).toFixed(0)} MiB`,
  );
} finally {
  await browser.close();
  await site.close();
}
