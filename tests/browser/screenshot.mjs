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
  await app.page.setViewportSize({ width: 1200, height: 760 });
  await app.chooseFile(fileURLToPath(new URL("../fixtures/orders_semicolon.csv", import.meta.url)));
  await app.reportFor("orders_semicolon.csv");
  await app.page.setViewportSize({ width: 1200, height: 1000 });
  await app.page.screenshot({ path: output });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  await site.close();
}
