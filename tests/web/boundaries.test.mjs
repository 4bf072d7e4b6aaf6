// 职责边界 in the workspace as a reviewer prepares the 职责边界协调会 and records its decision, and as
// the drafter of an affected body then sees it: real headless Chromium, a real `sanding serve`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { SOURCE, SHOTS, dir, base, makeDir, admin, addUser, call, session, startServer, stopServer } from "./harness.mjs";

const XSS = "<script>window.__xss=1</script>按会议纪要";
const CLAIM = "承担永久基本农田和耕地的保护，落实耕地占补平衡。";

before(async () => {
  makeDir("sanding-web-boundaries-");
  admin("init");
  addUser("reviewer", "reviewer");
  for (const b of ["natural-resources", "agriculture"]) addUser("drafter-" + b, "drafter", b);
  // Two drafts from the generated corpus; agriculture's claims natural resources' 耕地保护 duty in its own words.
  execFileSync("python3", ["-c", `
import os, sys
sys.path.insert(0, os.path.join(sys.argv[1], "tests/integration"))
import boundaries_corpus
from server_boundaries_test import odt_of
out = sys.argv[2]
boundaries_corpus.generate(os.environ["SANDING_BIN"], os.path.join(out, "corpus"))
for b in ("natural-resources", "agriculture"):
    lines = open(os.path.join(out, "corpus", "drafts", b + ".txt"), encoding="utf-8").read().splitlines()
    if b == "agriculture":
        at = next(i for i, l in enumerate(lines) if "交办的其他任务" in l)
        lines = lines[:at] + ["（一）" + sys.argv[3]] + lines[at:]
    open(os.path.join(out, b + ".odt"), "wb").write(odt_of(lines))
`, SOURCE, dir, CLAIM], { env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
  await startServer();
  for (const b of ["natural-resources", "agriculture"])
    assert.equal((await call("drafter-" + b, "POST", `/api/v1/bodies/${b}/revisions`, readFileSync(path.join(dir, b + ".odt")), "application/vnd.oasis.opendocument.text")).status, 201);
});

after(stopServer);

const ourPair = 'section.pair[data-a="natural-resources"][data-b="agriculture"], section.pair[data-a="agriculture"][data-b="natural-resources"]';

test("a reviewer sees the contested duty side by side, downloads the meeting paper and records the decision", async () => {
  const page = await session("reviewer");
  await page.goto(base + "/#/boundaries");
  await page.waitForSelector(ourPair);
  const report = (await call("reviewer", "GET", "/api/v1/boundaries")).json;
  assert.equal(await page.$$eval("#overlaps section.pair", (s) => s.length), report.overlaps.length);
  const pair = page.locator(ourPair).filter({ hasText: CLAIM.slice(0, 8) }).first();
  assert.match(await pair.locator(".status").textContent(), /未解决/);
  assert.ok((await pair.locator("mark.shared").count()) > 0, "the shared words are marked");
  assert.match(await pair.textContent(), /区自然资源局/);
  assert.match(await pair.textContent(), /区农业农村局/);
  // Filters: by state and by body.
  await page.selectOption("#b-body", "agriculture");
  const sides = await page.$$eval("#overlaps section.pair", (s) => s.map((x) => [x.dataset.a, x.dataset.b]));
  assert.ok(sides.length > 0 && sides.every((p) => p.includes("agriculture")));
  await page.selectOption("#b-state", "resolved");
  assert.equal(await page.$$eval("#overlaps section.pair", (s) => s.length), report.overlaps.filter((o) => o.resolved && [o.a.body, o.b.body].includes("agriculture")).length);
  await page.selectOption("#b-state", "");
  if (SHOTS) { mkdirSync(SHOTS, { recursive: true }); await page.screenshot({ path: path.join(SHOTS, "web-boundaries.png") }); }

  // The meeting paper, named in Chinese, is the .odt the API makes.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#paper")]);
  assert.match(download.suggestedFilename(), /^职责边界协调会议材料-\d{4}-\d{2}-\d{2}\.odt$/);
  const odt = path.join(dir, "paper.odt");
  await download.saveAs(odt);
  const content = execFileSync("python3", ["-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('content.xml').decode())", odt], { encoding: "utf8" });
  assert.match(content, /职责边界协调会议材料/);

  // The decision: natural resources leads, agriculture supports.
  await pair.locator(".d-lead").selectOption("natural-resources");
  await pair.locator(".d-comment").fill(XSS);
  await pair.locator(".d-record").click();
  await page.waitForSelector("text=已记录决定：区自然资源局牵头、区农业农村局配合。");
  const row = page.locator('#decisions tr[data-lead="natural-resources"][data-support="agriculture"]');
  assert.equal(await row.count(), 1);
  assert.ok((await row.textContent()).includes(XSS), "the comment shows as text");
  assert.match(await row.textContent(), /尚未写明/);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  const decided = page.locator(ourPair).filter({ hasText: CLAIM.slice(0, 8) }).first();
  assert.match(await decided.locator(".status").textContent(), /已决定/);
  assert.deepEqual(page.errors, []);
});

test("the drafter of the supporting body sees the decision on the body page until the draft says it", async () => {
  const page = await session("drafter-agriculture");
  await page.waitForSelector("#body-decisions");
  const text = await page.textContent("#body-decisions");
  assert.match(text, /区自然资源局牵头、区农业农村局配合/);
  assert.match(text, /✗ 区农业农村局草案的有关职责分工尚未写明与区自然资源局的分工/);
  const api = (await call("drafter-agriculture", "GET", "/api/v1/boundaries/decisions")).json;
  assert.equal(api.length, 1);
  assert.ok(api[0].findings.some((f) => f.body === "agriculture"));
  // A drafter may not open the reviewers' page: the API refuses and the menu has no entry.
  assert.equal(await page.locator('#nav a[href="#/boundaries"]').count(), 0);
  assert.equal((await call("drafter-agriculture", "GET", "/api/v1/boundaries")).status, 403);
  assert.deepEqual(page.errors, []);
});
