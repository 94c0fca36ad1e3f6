// A static file server for the browser tests: serves the built site under a sub-path,
// as GitHub Pages does (https://user.github.io/repo/), and logs every request.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
};

/**
 * Serves `root` at `/<prefix>/`. Under `/<strictPrefix>/` the same files are served with
 * the page's own Content-Security-Policy also sent as an HTTP header (as a host that
 * allows headers would), which then covers the worker too. Under `/<brokenPrefix>/` the
 * worker's files are missing, as after a botched deployment. Under `/<stalePrefix>/` the
 * worker is one of another build: it announces itself as build "0000000000000000".
 * Under `/<slowPrefix>/` the worker's wasm arrives after 2.5 s, as on a slow connection.
 */
export async function serveSite({ root, prefix, strictPrefix, brokenPrefix, stalePrefix, slowPrefix, port = 0 }) {
  const requests = [];
  const indexHtml = await readFile(join(root, "index.html"), "utf8");
  const meta = indexHtml.match(/<meta[^>]*http-equiv=["']?Content-Security-Policy[^>]*>/i)?.[0];
  const policy = meta?.match(/content="([^"]*)"/)?.[1];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    const url = new URL(req.url, "http://localhost");
    let base = null;
    let mode = "";
    for (const [candidate, candidateMode] of [
      [prefix, "plain"],
      [strictPrefix, "strict"],
      [brokenPrefix, "broken"],
      [stalePrefix, "stale"],
      [slowPrefix, "slow"],
    ]) {
      if (candidate && url.pathname.startsWith(`/${candidate}/`)) {
        base = `/${candidate}/`;
        mode = candidateMode;
      }
    }
    const strict = mode === "strict";
    if (!base) {
      res.writeHead(404).end("not found");
      return;
    }
    const relative = decodeURIComponent(url.pathname.slice(base.length)) || "index.html";
    if (mode === "broken" && relative.startsWith("worker")) {
      res.writeHead(404).end("not found");
      return;
    }
    if (mode === "stale" && relative === "worker-boot.js") {
      // FromWorker::Ready { build: "0000000000000000" }, postcard-encoded.
      const ready = [0, 16, ...Buffer.from("0000000000000000")];
      res.writeHead(200, { "content-type": TYPES[".js"] });
      res.end(`postMessage([new Uint8Array(${JSON.stringify(ready)})]);`);
      return;
    }
    if (mode === "slow" && relative === "worker_bg.wasm") {
      await new Promise((resolve) => setTimeout(resolve, 2500));
    }
    const path = normalize(join(root, relative));
    if (!path.startsWith(normalize(root))) {
      res.writeHead(403).end("forbidden");
      return;
    }
    try {
      const info = await stat(path);
      const file = info.isDirectory() ? join(path, "index.html") : path;
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
      if (strict && policy) headers["content-security-policy"] = policy;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: `${origin}/${prefix}/`,
    strictUrl: strictPrefix ? `${origin}/${strictPrefix}/` : undefined,
    brokenUrl: brokenPrefix ? `${origin}/${brokenPrefix}/` : undefined,
    staleUrl: stalePrefix ? `${origin}/${stalePrefix}/` : undefined,
    slowUrl: slowPrefix ? `${origin}/${slowPrefix}/` : undefined,
    policy,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A server standing for "another site": it only counts the requests that reach it. */
export async function serveForeign() {
  const hits = [];
  const server = createServer((req, res) => {
    hits.push(req.url);
    res.writeHead(200, { "content-type": "text/plain", "access-control-allow-origin": "*" }).end("x");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    // Another port is another origin.
    origin: `http://127.0.0.1:${server.address().port}`,
    hits,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
