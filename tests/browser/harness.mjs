// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, and
// a page object for the app (selectors are data-testid attributes).
import { chromium } from "playwright-core";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** The name the demo's transaction log is shown under. */
export const DEMO = "demo-transactions.csv";

const LINE = "C00001,O0000001,2024-01-05,Coffee beans,2,7.50\n";
const HEADER = "customer,order,date,product,quantity,price\n";

/**
 * Writes a CSV of about `megabytes` MB to a fresh temporary folder, as a user's large
 * export on disk. Returns its path, its number of data rows and a function removing it.
 */
export async function writeLargeCsv(name, megabytes) {
  const folder = await mkdtemp(join(tmpdir(), "crm-lens-"));
  const path = join(folder, name);
  const perBlock = Math.floor((1 << 20) / LINE.length);
  const block = Buffer.from(LINE.repeat(perBlock));
  const file = await open(path, "w");
  try {
    await file.write(HEADER);
    for (let i = 0; i < megabytes; i++) await file.write(block);
  } finally {
    await file.close();
  }
  return { path, rows: perBlock * megabytes, remove: () => rm(folder, { recursive: true, force: true }) };
}

/**
 * Runs in the page before its scripts: records every call that reads the bytes of a
 * Blob or File on the UI thread. The app must leave that to the worker.
 */
function watchFileReads() {
  const reads = [];
  window.__fileReads = reads;
  const wrap = (prototype, names) => {
    for (const name of names) {
      const original = prototype[name];
      prototype[name] = function (...args) {
        reads.push(`${prototype.constructor.name}.${name}`);
        return original.apply(this, args);
      };
    }
  };
  wrap(Blob.prototype, ["arrayBuffer", "text", "stream", "bytes"].filter((n) => n in Blob.prototype));
  wrap(FileReader.prototype, ["readAsArrayBuffer", "readAsText", "readAsDataURL", "readAsBinaryString"]);
}

/** The app in one browser tab, with everything the tab logged and requested. */
export class App {
  constructor(page) {
    this.page = page;
    this.errors = [];
    this.requests = [];
    page.on("console", (message) => {
      if (message.type() === "error") this.errors.push(message.text());
    });
    page.on("pageerror", (error) => this.errors.push(String(error)));
    page.on("request", (request) => this.requests.push(request.url()));
  }

  /**
   * Opens `url` in a fresh context and waits until the engine is ready and the demo,
   * which a first visit loads, is shown; `ready: false` returns at once.
   */
  static async open(browser, url, { ready = true } = {}) {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.addInitScript(watchFileReads);
    const app = new App(await context.newPage());
    app.context = context;
    await app.page.goto(url);
    if (ready) {
      await app.waitReady();
      // The status bar's activity shows on every page, the report only on Data.
      await app.page.waitForFunction(
        () => {
          const lines = [...document.querySelectorAll('[data-testid="activity"] li')].map((li) => li.textContent);
          return lines.includes("Done: Loading the demo data") && lines.includes("Done: Preparing templates");
        },
        null,
        { timeout: 30000 },
      );
    }
    return app;
  }

  /** The name of the file whose report is shown. */
  shownReport() {
    return this.report().locator("h2").textContent();
  }

  /** The transaction log's quality report (extra tables have their own). */
  report() {
    return this.page.locator('[data-testid="transactions"] [data-testid="quality-report"]');
  }

  /** Activity lines that mention `name`. */
  async activityOf(name) {
    return (await this.activity()).filter((line) => line.includes(name));
  }

  /** Every read of a file's bytes made on the UI thread (there must be none). */
  fileReads() {
    return this.page.evaluate(() => window.__fileReads ?? ["the tripwire is missing"]);
  }

  /** The lines of the status bar's activity history. */
  activity() {
    return this.byTestId("activity").locator("li").allTextContents();
  }

  close() {
    return this.context.close();
  }

  byTestId(id) {
    return this.page.locator(`[data-testid="${id}"]`);
  }

  async waitReady() {
    await this.page.waitForSelector('[data-testid="engine"][data-state="ready"]', { timeout: 15000 });
  }

  /** Chooses a file with the file picker: a path, or `{ name, mimeType, buffer }`. */
  async chooseFile(file) {
    await this.byTestId("file-input").setInputFiles(file);
  }

  /** Chooses extra tables with their file picker: paths or `{ name, mimeType, buffer }`. */
  async chooseExtras(files) {
    await this.byTestId("extra-input").setInputFiles(files);
  }

  /** The card of the extra table `name`. */
  extra(name) {
    return this.page.locator(`[data-testid="extra-table"][data-name="${name}"]`);
  }

  /** Waits for the extra table `name`; returns its join figures and unmatched ids. */
  async joinOf(name, timeout = 30000) {
    const card = this.extra(name);
    await card.locator('[data-testid="join"]').waitFor({ timeout });
    const number = async (id) =>
      Number((await card.locator(`[data-testid="${id}"] strong`).textContent()).replaceAll(",", ""));
    const unmatched = await card.locator('[data-testid="unmatched-table"] tbody tr').evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent)),
    );
    return {
      matchedRows: await number("join-matched-rows"),
      customers: await number("join-customers"),
      unmatchedIds: await number("join-unmatched"),
      text: await card.locator('[data-testid="join"]').textContent(),
      unmatched,
    };
  }

  /**
   * Builds a CSV of about `megabytes` MB inside the page (so nothing large crosses the
   * test driver) and keeps it for `drop`. Returns its size and number of data rows.
   * Chromium holds such a file in memory, and refuses reads of in-memory files beyond
   * a few hundred MB, so large files are better written to disk (`writeLargeCsv`).
   */
  async makeFile(name, megabytes) {
    return this.page.evaluate(
      ({ name, megabytes, line, header }) => {
        const perBlock = Math.floor((1 << 20) / line.length);
        const block = line.repeat(perBlock);
        const file = new File([header, ...Array(megabytes).fill(block)], name, { type: "text/csv" });
        (window.__files ??= {})[name] = file;
        return { bytes: file.size, rows: perBlock * megabytes };
      },
      { name, megabytes, line: LINE, header: HEADER },
    );
  }

  /** Drops files made by `makeFile` on the drop zone, as a user dragging them would. */
  async drop(names) {
    await this.page.evaluate((names) => {
      const transfer = new DataTransfer();
      for (const name of [names].flat()) transfer.items.add(window.__files[name]);
      const zone = document.querySelector('[data-testid="dropzone"]');
      for (const type of ["dragenter", "dragover", "drop"]) {
        zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    }, names);
  }

  /** `makeFile`, then `drop`. */
  async dropGeneratedFile(name, megabytes) {
    const made = await this.makeFile(name, megabytes);
    await this.drop(name);
    return made;
  }

  /** Waits until the quality report names `name`. */
  async waitForReport(name, timeout = 30000) {
    await this.page.waitForFunction(
      (name) =>
        document.querySelector('[data-testid="transactions"] [data-testid="quality-report"] h2')?.textContent === name,
      name,
      { timeout },
    );
  }

  /** Waits until the transaction log's quality report names `name`; returns its figures. */
  async reportFor(name, timeout = 30000) {
    await this.waitForReport(name, timeout);
    const report = this.report();
    const text = async (id) => (await report.locator(`[data-testid="${id}"]`).textContent()).trim();
    const number = async (id) => Number((await text(id)).split(" ")[0].replaceAll(",", ""));
    const columns = await report.locator('[data-testid="columns-table"] tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({
        name: row.dataset.column,
        role: row.querySelector('[data-testid="role"]').textContent,
        type: row.querySelector('[data-testid="type"]').textContent,
      })),
    );
    return {
      read: await number("count-read"),
      kept: await number("count-kept"),
      repaired: await number("count-repaired"),
      rejected: await number("count-rejected"),
      encoding: await text("encoding"),
      delimiter: await text("delimiter"),
      columns,
    };
  }

  /** The rows of a problem table ("rejected" or "repaired"): line, column, reason. */
  async problems(kind) {
    return this.report().locator(`[data-testid="${kind}-table"] tbody tr`).evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("td")].slice(0, 3).map((cell) => cell.textContent)),
    );
  }

  /** Waits until a running job has reported some progress. */
  async waitForProgress() {
    await this.page.waitForFunction(
      () => Number(document.querySelector('[data-testid="job-progress"]')?.dataset.fraction ?? 0) > 0,
      null,
      { timeout: 15000 },
    );
  }

  /**
   * Starts watching the UI thread: a 10 ms timer notes the longest gap between its
   * ticks (a stall of the main thread delays it), a PerformanceObserver collects long
   * tasks, and every progress value shown in the status bar is recorded.
   */
  async watchMainThread() {
    await this.page.evaluate(() => {
      const watch = { longestGap: 0, longTasks: [], fractions: [] };
      let last = performance.now();
      watch.timer = setInterval(() => {
        const now = performance.now();
        watch.longestGap = Math.max(watch.longestGap, now - last);
        last = now;
      }, 10);
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) watch.longTasks.push(entry.duration);
      }).observe({ type: "longtask" });
      new MutationObserver(() => {
        const value = document.querySelector('[data-testid="job-progress"]')?.dataset.fraction;
        if (value !== undefined && watch.fractions.at(-1) !== Number(value)) watch.fractions.push(Number(value));
      }).observe(document.body, { subtree: true, attributes: true, childList: true });
      window.__watch = watch;
    });
  }

  async mainThreadReport() {
    return this.page.evaluate(() => {
      const { longestGap, longTasks, fractions } = window.__watch;
      clearInterval(window.__watch.timer);
      return { longestGap, longTasks, fractions };
    });
  }
}
