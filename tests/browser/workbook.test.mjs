// Excel workbooks in the browser: a Youzan order export (.xlsx) dropped on the Data page
// is read in the worker, and the report shows the rows read and kept and the sheet.
// Run after `scripts/build.sh`: node --test tests/browser/workbook.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFile } from "node:fs/promises";
import { App, launchBrowser } from "./harness.mjs";
import { serveSite } from "./server.mjs";

const root = fileURLToPath(new URL("../../dist", import.meta.url));
const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let site;
let browser;

before(async () => {
  site = await serveSite({ root, prefix: "crm-lens" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** Makes a File of `bytes` inside the page and drops it on the Data page's drop zone. */
async function dropBytes(app, name, bytes, type) {
  await app.page.evaluate(
    ({ name, base64, type }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      (window.__files ??= {})[name] = new File([bytes], name, { type });
    },
    { name, base64: bytes.toString("base64"), type },
  );
  await app.drop(name);
}

describe("workbooks", () => {
  test("a dropped .xlsx is read in the worker: rows read and kept, and the sheet", async () => {
    const app = await App.open(browser, site.url);
    try {
      assert.match(await app.byTestId("file-input").getAttribute("accept"), /\.xlsx,\.xlsm,\.xls,\.xlsb,\.ods/);
      const before = app.requests.length;
      await dropBytes(app, "youzan.xlsx", await readFile(fixture("workbooks/youzan.xlsx")), XLSX_TYPE);
      await app.waitForReport("youzan.xlsx");
      const report = app.report();
      const count = async (id) =>
        Number((await report.locator(`[data-testid="${id}"] strong`).textContent()).replaceAll(",", ""));
      assert.equal(await count("count-read"), 8);
      assert.equal(await count("count-kept"), 8);
      assert.equal(await count("count-rejected"), 0);
      assert.equal(await report.locator('[data-testid="sheet"]').textContent(), "订单明细");
      const columns = await report
        .locator('[data-testid="columns-table"] tbody tr')
        .evaluateAll((rows) => rows.map((row) => row.dataset.column));
      assert.deepEqual(columns.slice(0, 3), ["订单号", "订单状态", "订单商品状态"]);
      assert.equal(await report.locator('[data-testid="encoding"]').count(), 0, "no encoding for a workbook");

      assert.deepEqual(app.requests.slice(before), [], "nothing was requested, let alone sent, while loading");
      assert.deepEqual(app.errors, [], "no console errors");
      assert.deepEqual(await app.fileReads(), [], "the UI thread never read the file's bytes");
    } finally {
      await app.close();
    }
  });

  test("a broken workbook gets a message naming the file", async () => {
    const app = await App.open(browser, site.url);
    try {
      const bytes = await readFile(fixture("workbooks/youzan.xlsx"));
      await dropBytes(app, "cut.xlsx", bytes.subarray(0, bytes.length >> 1), XLSX_TYPE);
      await app.page.waitForFunction(() =>
        document.querySelector('[data-testid="error"]')?.textContent.startsWith("cut.xlsx"),
      );
      assert.match(await app.byTestId("error").textContent(), /^cut\.xlsx: this workbook \(\.xlsx\) could not be read/);
      assert.deepEqual(app.errors, [], "no console errors");
    } finally {
      await app.close();
    }
  });
});
