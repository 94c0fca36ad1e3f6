// Real shops' exports in the browser (issue 12): a JD export in GBK with Chinese headers,
// whose data every page names; a failed load after the demo, which leaves no result
// unlabelled; and the user's choices for a file, kept when the same file is dropped again.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFile } from "node:fs/promises";
import { App, DEMO, launchBrowser } from "./harness.mjs";
import { serveSite } from "./server.mjs";

const root = fileURLToPath(new URL("../../dist", import.meta.url));
const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const JD = "jd-gbk.csv";

/** The analysis pages, each with the test id of its result and of its error. */
const PAGES = [
  ["segments", "segments"],
  ["baskets", "rules"],
  ["recommendations", "recommendations"],
  ["value", "value"],
];

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

/** Opens the app with the demo shown, runs `body`, then checks that nothing went wrong. */
async function withApp(body) {
  const app = await App.open(browser, site.url);
  try {
    await body(app);
    assert.deepEqual(app.errors, [], "no console errors");
    assert.deepEqual(await app.fileReads(), [], "the UI thread never reads a file's bytes");
  } finally {
    await app.close();
  }
}

/** Drops a file with these bytes on the Data page's drop zone, as a user dragging it. */
async function dropBytes(app, name, bytes) {
  await app.byTestId("nav-data").click();
  await app.page.evaluate(
    ({ name, data }) => {
      const file = new File([new Uint8Array(data)], name);
      (window.__files ??= {})[name] = file;
    },
    { name, data: [...bytes] },
  );
  await app.drop(name);
}

/** Waits until a page's result or error is shown; returns the result's data name. */
async function resultOf(app, page, id) {
  await app.byTestId(`nav-${page}`).click();
  const section = app.byTestId(`page-${page}`);
  await section.locator(`[data-testid="${id}"], [data-testid="${id}-error"]`).first().waitFor({ timeout: 60000 });
  const error = section.locator(`[data-testid="${id}-error"]`);
  assert.equal(await error.count(), 0, `${page}: ${(await error.count()) ? await error.textContent() : ""}`);
  const sources = section.locator('[data-testid="data-source"]');
  assert.equal(await sources.count(), 1, `${page}: one data source line`);
  return (await sources.locator('[data-testid="data-name"]').textContent()).trim();
}

/** Waits until the activity history has the line `line`. */
async function activityLine(app, line, timeout = 30000) {
  await app.page.waitForFunction(
    (line) => [...document.querySelectorAll('[data-testid="activity"] li')].some((li) => li.textContent === line),
    line,
    { timeout },
  );
}

/** Each row of the statuses table: value, kind, lines, counted. */
function statuses(app) {
  return app
    .report()
    .locator('[data-testid="statuses"] tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        value: row.dataset.status,
        kind: row.querySelector('[data-testid="status-kind"]').textContent,
        lines: Number(row.querySelectorAll("td")[2].textContent.replaceAll(",", "")),
        counted: row.querySelector('[data-testid="status-counted"]').checked,
      })),
    );
}

describe("a JD export in GBK with Chinese headers", () => {
  test("dropped in: the Data page shows its rows, and every analysis page names the file", async () => {
    await withApp(async (app) => {
      await dropBytes(app, JD, await readFile(fixture(`exports/${JD}`)));
      const report = await app.reportFor(JD);
      assert.equal(report.encoding, "GBK");
      assert.equal(report.read, 147);
      assert.equal(report.read, report.kept + report.rejected);
      assert.deepEqual(
        report.columns.map((c) => c.name),
        ["订单号", "下单帐号", "客户姓名", "商品ID", "商品名称", "订购数量", "京东价", "订单金额", "订单状态", "下单时间"],
      );
      assert.equal((await app.byTestId("data-name").textContent()).trim(), JD);
      assert.equal(await app.byTestId("demo-banner").count(), 0);
      await app.report().locator('[data-testid="how-read"]').waitFor();
      for (const [page, id] of PAGES) {
        assert.equal(await resultOf(app, page, id), JD, page);
        assert.match(await app.byTestId(`page-${page}`).locator('[data-testid="data-source"]').textContent(), /^Computed from jd-gbk\.csv$/);
      }
    });
  });

  test("read as a person would: JD recognised, the account is the customer, names over codes, the order total is order-level, cancellations are not purchases", async () => {
    await withApp(async (app) => {
      await dropBytes(app, JD, await readFile(fixture(`exports/${JD}`)));
      const report = await app.reportFor(JD);
      assert.deepEqual(
        report.columns.map((c) => [c.name, c.role]),
        [
          ["订单号", "order"],
          ["下单帐号", "customer"],
          ["客户姓名", "—"],
          ["商品ID", "product code"],
          ["商品名称", "product"],
          ["订购数量", "quantity"],
          ["京东价", "unit price"],
          ["订单金额", "order total"],
          ["订单状态", "status"],
          ["下单时间", "date"],
        ],
      );
      // Beside each role, why it was chosen.
      const reasons = await app.report().locator('[data-testid="columns-table"] tbody tr').evaluateAll((rows) =>
        rows.map((row) => [row.dataset.column, row.querySelector('[data-testid="role-reason"]')?.textContent ?? ""]),
      );
      for (const [name, reason] of reasons.filter(([name]) => name !== "客户姓名")) {
        assert.ok(reason.length > 0, `a reason for ${name}`);
      }
      assert.match(await app.report().locator('[data-testid="platform"]').textContent(), /^Recognised as a .*JD/);
      assert.match(await app.report().locator('[data-testid="order-level"]').textContent(), /订单金额/);
      const found = await statuses(app);
      assert.deepEqual(
        found.map(({ value, counted }) => [value, counted]).sort(),
        [["已取消", false], ["已完成", true]],
      );
      assert.equal(found.find((s) => s.value === "已取消").lines, 9);
      assert.equal(found.find((s) => s.value === "已取消").kind, "cancelled");
      // 24 accounts, not the 12 recipients' names.
      await resultOf(app, "segments", "segments");
      assert.match(await app.byTestId("segments-headline").textContent(), /^24 customers in/);
    });
  });

  test("a screenshot of its Data page", async () => {
    await withApp(async (app) => {
      await dropBytes(app, JD, await readFile(fixture(`exports/${JD}`)));
      await app.reportFor(JD);
      await app.page.setViewportSize({ width: 1200, height: 1000 });
      await app.page.screenshot({ path: fileURLToPath(new URL("../../target/jd-data-page.png", import.meta.url)), fullPage: true });
    });
  });
});

describe("a failed load after the demo", () => {
  test("says so on every page, and every result shown stays labelled as the demo's", async () => {
    await withApp(async (app) => {
      for (const [page, id] of PAGES) assert.equal(await resultOf(app, page, id), "demo data", page);
      for (const [name, bytes] of [
        ["empty.csv", Buffer.alloc(0)],
        ["junk.bin", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))],
      ]) {
        await dropBytes(app, name, bytes);
        const failure = app.byTestId("load-failure");
        await app.page.waitForFunction(
          (name) => document.querySelector('[data-testid="load-failure"]')?.textContent.includes(`Your file ${name} could not be loaded: `),
          name,
        );
        assert.match(await failure.textContent(), /Everything shown is still computed from demo data\.$/);
        if (name === "empty.csv") assert.match(await failure.textContent(), /could not be loaded: the file is empty\. /);
        assert.equal(await app.shownReport(), DEMO, "the demo's report is still shown");
        assert.equal((await app.byTestId("data-name").textContent()).trim(), "demo data");
        for (const [page, id] of PAGES) {
          assert.equal(await resultOf(app, page, id), "demo data", `${page} after ${name}`);
          const said = app.byTestId(`page-${page}`).locator('[data-testid="load-failure"]');
          assert.match(await said.textContent(), new RegExp(`^Your file ${name.replace(".", "\\.")} could not be loaded: .*still computed from demo data\\.$`));
        }
      }
      // A file that loads replaces the demo, its results and the failure.
      await dropBytes(app, JD, await readFile(fixture(`exports/${JD}`)));
      await app.reportFor(JD);
      assert.equal(await app.byTestId("load-failure").count(), 0);
      assert.equal(await resultOf(app, "segments", "segments"), JD);
      assert.equal(await app.byTestId("load-failure").count(), 0);
    });
  });
});

describe("the user's choices for a file", () => {
  const orders = Buffer.from(
    "customer,order,date,product,quantity,price\n" +
      Array.from({ length: 40 }, (_, i) => `C${i % 9},O${i >> 1},2024-0${1 + (i % 8)}-1${i % 10},P${i % 5},${1 + (i % 3)},${(2.5 + i).toFixed(2)}\n`).join(""),
  );
  const roles = async (app, name) => (await app.reportFor(name)).columns.map((c) => c.role);

  test("a changed role is kept when the same file is dropped again, until the guesses are asked for", async () => {
    await withApp(async (app) => {
      await dropBytes(app, "orders.csv", orders);
      assert.deepEqual(await roles(app, "orders.csv"), ["customer", "order", "date", "product", "quantity", "unit price"]);
      // The quantity column is not one.
      const box = app.byTestId("change-roles");
      await box.locator("summary").click();
      await box.locator('[data-testid="role-quantity"]').selectOption("");
      await box.locator('[data-testid="apply-roles"]').click();
      await activityLine(app, "Done: Loading orders.csv with your column roles");
      assert.deepEqual(await roles(app, "orders.csv"), ["customer", "order", "date", "product", "—", "unit price"]);
      assert.match(await app.byTestId("own-choices").textContent(), /^Read with your choices\./);
      // The same file again: the choice is sent with it.
      await dropBytes(app, "orders.csv", orders);
      await activityLine(app, "Done: Loading orders.csv with your earlier choices");
      assert.deepEqual(await roles(app, "orders.csv"), ["customer", "order", "date", "product", "—", "unit price"]);
      assert.match(await app.byTestId("own-choices").textContent(), /when you loaded a file of this name before/);
      // Back to the guesses, which the next drop keeps too.
      await app.byTestId("use-guesses").click();
      await activityLine(app, "Done: Loading orders.csv with the guessed roles");
      assert.deepEqual(await roles(app, "orders.csv"), ["customer", "order", "date", "product", "quantity", "unit price"]);
      assert.equal(await app.byTestId("own-choices").count(), 0);
      const before = (await app.activityOf("orders.csv")).length;
      await dropBytes(app, "orders.csv", orders);
      await app.page.waitForFunction(
        (before) => [...document.querySelectorAll('[data-testid="activity"] li')].filter((li) => li.textContent.includes("orders.csv")).length >= before + 2,
        before,
      );
      assert.deepEqual((await app.activityOf("orders.csv")).slice(before), ["Started: Loading orders.csv", "Done: Loading orders.csv"]);
    });
  });

  test("choices made for a file are not applied to another file of the same name with other columns", async () => {
    await withApp(async (app) => {
      await dropBytes(app, "export.csv", orders);
      await app.reportFor("export.csv");
      const box = app.byTestId("change-roles");
      await box.locator("summary").click();
      await box.locator('[data-testid="role-quantity"]').selectOption("");
      await box.locator('[data-testid="apply-roles"]').click();
      await activityLine(app, "Done: Loading export.csv with your column roles");
      // Another export under the same name: quantity is now the fifth column of seven.
      const other = Buffer.from(
        "customer,order,date,product,quantity,price,note\n" +
          Array.from({ length: 20 }, (_, i) => `K${i % 5},R${i},2024-02-1${i % 10},Q${i % 4},${1 + (i % 2)},${3 + i},x\n`).join(""),
      );
      await dropBytes(app, "export.csv", other);
      await activityLine(app, "Done: Loading export.csv with the guessed roles");
      assert.deepEqual(await roles(app, "export.csv"), ["customer", "order", "date", "product", "quantity", "unit price", "—"]);
      assert.ok((await app.activity()).some((line) => /^export\.csv has other columns than the file of that name/.test(line)));
    });
  });

  test("a status counted as a purchase is kept when the same file is dropped again", async () => {
    await withApp(async (app) => {
      const bytes = await readFile(fixture(`exports/${JD}`));
      await dropBytes(app, JD, bytes);
      await app.reportFor(JD);
      const cancelled = app.report().locator('[data-testid="statuses"] tr[data-status="已取消"] [data-testid="status-counted"]');
      await cancelled.waitFor({ timeout: 10000 });
      assert.equal(await cancelled.isChecked(), false);
      await cancelled.check();
      await activityLine(app, `Done: Loading ${JD} with your choices`);
      assert.equal((await statuses(app)).find((s) => s.value === "已取消").counted, true);
      await dropBytes(app, JD, bytes);
      await activityLine(app, `Done: Loading ${JD} with your earlier choices`);
      assert.equal((await statuses(app)).find((s) => s.value === "已取消").counted, true);
    });
  });
});
