// What every browser test needs: a scratch folder with a real SQLite file, `sanding admin` on it,
// users with known passwords, a real `sanding serve` on a loopback port, Debian's Chromium, and the
// JSON API called as a given user. One server per test file (node --test runs each file alone);
// dir, base and browser are live bindings, set by makeDir and startServer.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const SANDING = process.env.SANDING_BIN;
export const SOURCE = path.resolve(import.meta.dirname, "../..");
export const SHOTS = process.env.SANDING_SCREENSHOTS;
export const passwords = {};
export let dir, base, browser;
let server;

export function makeDir(prefix) {
  dir = mkdtempSync(path.join(tmpdir(), prefix));
  return dir;
}

// sanding admin … --db sqlite:<dir>/s.db; a last argument { stdin } is given as its input.
export function admin(...args) {
  const input = args.at(-1)?.stdin;
  const argv = input === undefined ? args : args.slice(0, -1);
  return execFileSync(SANDING, ["admin", ...argv, "--db", "sqlite:" + path.join(dir, "s.db")], { cwd: dir, input, encoding: "utf8" });
}

export function addUser(name, role, body, display) {
  passwords[name] = "pw-" + name + "-secret";
  admin("user", "add", name, "--role", role, ...(body ? ["--body", body] : []), ...(display ? ["--display-name", display] : []),
    "--password-stdin", { stdin: passwords[name] + "\n" });
}

export async function token(user) {
  const login = await fetch(base + "/api/v1/login", { method: "POST", body: JSON.stringify({ username: user, password: passwords[user] }) });
  return (await login.json()).token;
}

// The API as user: a body is sent as JSON, or as it is when a content type is given.
export async function call(user, method, p, body, type) {
  const r = await fetch(base + p, { method, headers: { Authorization: "Bearer " + (await token(user)), "Content-Type": type || "application/json" },
    body: body === undefined ? undefined : type ? body : JSON.stringify(body) });
  return { status: r.status, json: r.status === 204 ? null : await r.json() };
}

// A browser window (1280×800) logged in as user through the login page; page.errors collects
// the page's uncaught errors, and every dialog (a confirmation) is accepted.
export async function session(user) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  page.on("dialog", (d) => d.accept());
  await page.goto(base + "/");
  await page.waitForSelector("#username");
  await page.fill("#username", user);
  await page.fill("#password", passwords[user]);
  await page.click("button[type=submit]");
  await page.waitForSelector("#logout");
  return page;
}

// The server on a free loopback port (it prints its URL first), and the browser.
export async function startServer() {
  server = spawn(SANDING, ["serve", "--db", "sqlite:" + path.join(dir, "s.db"), "--listen", "127.0.0.1:0"],
    { cwd: dir, stdio: ["ignore", "pipe", openSync(path.join(dir, "server.log"), "a")] });
  const line = await new Promise((resolve) => server.stdout.once("data", (d) => resolve(String(d))));
  base = "http://127.0.0.1:" + line.split("http://127.0.0.1:")[1].split(/[（/\s]/)[0];
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"] });
}

export async function stopServer() {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    const timer = setTimeout(() => server.kill("SIGKILL"), 15000);
    await exited;
    clearTimeout(timer);
  }
  server?.stdout.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
