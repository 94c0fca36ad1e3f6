// Takes the README's screenshot: `node tests/browser/screenshot.mjs` after a release build.
import { fileURLToPath } from "node:url";
import { App, launchBrowser } from "./harness.mjs";
import { serveSite } from "./server.mjs";

const root = fileURLToPath(new URL("../../dist", import.meta.url));
const output = fileURLToPath(new URL("../../docs/screenshot.png", import.meta.url));
const site = await serveSite({ root, prefix: "crm-lens" });
const browser = await launchBrowser();
try {
  const app = await App.open(browser, site.url);
  // What a first visit shows: the demo, analysed.
  await app.page.setViewportSize({ width: 1200, height: 1100 });
  await app.reportFor("demo-transactions.csv");
  await app.page.screenshot({ path: output });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  await site.close();
}
