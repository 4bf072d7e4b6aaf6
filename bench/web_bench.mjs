// 进度总览 in real headless Chromium against a real `sanding serve` on loopback (issue 14):
// for the demo district's 37 bodies and for a generated round of 10,000, the time from navigation
// to the load event and to the first rows shown, median of 5, each beside the same browser loading
// the login page (the baseline, measured in the same run).
// Usage: node bench/web_bench.mjs BUILD_DIR                                        (make bench)
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "../tests/web/node_modules/playwright-core/index.mjs";

const root = path.resolve(import.meta.dirname, "..");
const sanding = path.resolve(process.argv[2] || path.join(root, "build"), "server/sanding");
const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The demo framework with its bodies repeated until there are n (ids and names made unique).
function framework(n) {
  const xml = readFileSync(path.join(root, "templates/framework/demo-district.xml"), "utf8");
  if (n <= 37) return xml;
  const start = xml.indexOf("<body "), end = xml.lastIndexOf("</body>") + "</body>".length;
  const bodies = xml.slice(start, end).match(/<body [\s\S]*?<\/body>/g);
  let out = "";
  for (let i = 0; out.length === 0 || i < n; i += bodies.length)
    for (const [k, b] of bodies.entries()) {
      if (i + k >= n) break;
      out += i === 0 ? b : b.replace(/id="([^"]+)"/, `id="$1-${i + k}"`).replace(/<name>([^<]+)<\/name>/, `<name>$1${i + k}</name>`)
        .replace(/<managed-by>([^<]+)<\/managed-by>/, "<managed-by>$1</managed-by>");
    }
  return xml.slice(0, start) + out + xml.slice(end);
}

async function serve(n) {
  const dir = mkdtempSync(path.join(tmpdir(), "sanding-web-bench-"));
  writeFileSync(path.join(dir, "framework.xml"), framework(n));
  const db = "sqlite:" + path.join(dir, "s.db");
  execFileSync(sanding, ["admin", "init", "--framework", path.join(dir, "framework.xml"), "--db", db], { stdio: "ignore" });
  execFileSync(sanding, ["admin", "user", "add", "office", "--role", "office", "--password-stdin", "--db", db], { input: "bench-password\n", stdio: ["pipe", "ignore", "ignore"] });
  const proc = spawn(sanding, ["serve", "--db", db, "--listen", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "ignore"] });
  const line = await new Promise((resolve) => proc.stdout.once("data", (d) => resolve(String(d))));
  return { dir, proc, base: "http://127.0.0.1:" + line.split("http://127.0.0.1:")[1].split(/[（/\s]/)[0] };
}

async function measure(browser, base, hash, ready) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(base + "/");
  await page.fill("#username", "office");
  await page.fill("#password", "bench-password");
  await page.click("button[type=submit]");
  await page.waitForSelector("#logout");
  const load = [], shown = [];
  for (let i = 0; i < RUNS; ++i) {
    await page.goto("about:blank");
    const t0 = Date.now();
    await page.goto(base + "/" + hash, { waitUntil: "load" });
    load.push(await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventEnd));
    await page.waitForSelector(ready);
    shown.push(Date.now() - t0);
  }
  await context.close();
  return { load: median(load), shown: median(shown) };
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"] });
try {
  for (const n of [37, 10000]) {
    const s = await serve(n);
    try {
      const base = await measure(browser, s.base, "#/login", "#username");
      const board = await measure(browser, s.base, "#/board", "#board tbody tr");
      const rows = n > 200 ? "first 200 rows" : "all rows";
      console.log(`web board, ${n} bodies: navigation → load ${board.load.toFixed(0)} ms (login page ${base.load.toFixed(0)} ms, ratio ${(board.load / base.load).toFixed(2)}); ` +
        `navigation → ${rows} shown ${board.shown} ms (login form shown ${base.shown} ms, ratio ${(board.shown / base.shown).toFixed(2)}); median of ${RUNS}`);
    } finally {
      s.proc.kill("SIGTERM");
      rmSync(s.dir, { recursive: true, force: true });
    }
  }
} finally {
  await browser.close();
}
