// The browser workspace as its users meet it: the coordination office, a reviewer, a principal
// head and a drafter, each in real headless Chromium (Debian's) against a real `sanding serve` on
// a loopback port over a real SQLite file with the demo district.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { SOURCE, SHOTS, passwords, dir, base, makeDir, admin, addUser, token, call, session, startServer, stopServer } from "./harness.mjs";

const XSS_NAME = '区审计局"><img src=x onerror="window.__xss=1">';
const XSS_COMMENT = "<script>window.__xss=1</script>请改正";

before(async () => {
  makeDir("sanding-web-test-");
  // The demo framework, with one body's name holding markup that must show as text.
  const fw = readFileSync(path.join(SOURCE, "templates/framework/demo-district.xml"), "utf8")
    .replace("<name>区审计局</name>", "<name>" + XSS_NAME.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;") + "</name>");
  writeFileSync(path.join(dir, "framework.xml"), fw);
  admin("init", "--framework", path.join(dir, "framework.xml"));
  addUser("office", "office", null, "协调办王五");
  addUser("reviewer", "reviewer", null, "审核组赵六");
  for (const b of ["emergency", "natural-resources"]) {
    addUser("drafter-" + b, "drafter", b, b + "起草人");
    addUser("head-" + b, "head", b, b + "负责人");
  }
  await startServer();
  // Two drafts submitted, as drafters do it from Writer.
  for (const b of ["emergency", "natural-resources"]) {
    assert.equal((await call("drafter-" + b, "POST", `/api/v1/bodies/${b}/drafts`)).status, 201);
    assert.equal((await call("drafter-" + b, "POST", `/api/v1/bodies/${b}/submit`, {})).status, 200);
  }
});

after(stopServer);

async function shot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name) });
}

async function apiInPage(page, method, p, headers) {
  return page.evaluate(async ([method, p, headers]) => {
    const r = await fetch(p, { method, headers, credentials: "same-origin" });
    return { status: r.status, body: await r.text() };
  }, [method, p, headers || {}]);
}

test("the office sees every body of the round, counts and progress as the API says", async () => {
  const page = await session("office");
  await page.waitForSelector("#board tbody tr");
  const rows = await page.$$eval("#board tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  const board = JSON.parse((await apiInPage(page, "GET", "/api/v1/board")).body);
  assert.equal(rows.length, 37);
  assert.equal(board.bodies.length, 37);
  assert.deepEqual(rows.map((r) => r[1]), board.bodies.map((b) => b.name));  // the framework's order
  assert.deepEqual(rows.map((r) => r[3]), board.bodies.map((b) => b.state_label));
  assert.equal(rows.filter((r) => r[3] === "未开始").length, 35);
  assert.equal(rows.filter((r) => r[3] === "已提交").length, 2);
  assert.equal(await page.textContent('#counts [data-state="未开始"]'), "未开始 35");
  assert.equal(await page.textContent("#progress-text"), "签发 0 / 37");
  assert.match(await page.textContent("#deadline"), /截止：2026-12-18 24:00（北京时间）/);
  // The body whose name holds markup shows it as text, and nothing ran.
  assert.ok(rows.some((r) => r[1] === XSS_NAME));
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  // Filter by state (the server filters), then sort by name both ways.
  await page.selectOption("#filter-state", "已提交");
  await page.waitForFunction(() => document.querySelectorAll("#board tbody tr").length === 2);
  assert.match(await page.textContent("#shown"), /显示 2 \/ 37/);
  await page.selectOption("#filter-state", "");
  await page.waitForFunction(() => document.querySelectorAll("#board tbody tr").length === 37);
  await page.click('th[data-key="name"]');
  await page.waitForSelector('th[data-key="name"][aria-sort="ascending"]');
  const byName = board.bodies.map((b) => b.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.deepEqual(await page.$$eval("#board tbody tr td:nth-child(2)", (t) => t.map((x) => x.textContent)), byName);
  await page.click('th[data-key="name"]');
  await page.waitForSelector('th[data-key="name"][aria-sort="descending"]');
  assert.deepEqual(await page.$$eval("#board tbody tr td:nth-child(2)", (t) => t.map((x) => x.textContent)), [...byName].reverse());
  await page.click('th[data-key="position"]');
  await page.waitForSelector('th[data-key="position"][aria-sort="ascending"]');
  await shot(page, "web-board.png");
  // 导出进度表: the .ods opens in LibreOffice Calc with the same rows as the board.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-ods")]);
  assert.match(download.suggestedFilename(), /进度总览-\d{4}-\d{2}-\d{2}\.ods$/);
  const ods = path.join(dir, "board.ods");
  await download.saveAs(ods);
  execFileSync("soffice", ["-env:UserInstallation=file://" + path.join(dir, "lo-profile"), "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, ods],
    { stdio: "ignore", timeout: 180000 });
  const csv = readFileSync(path.join(dir, "board.csv"), "utf8").trim().split("\n").map((l) => l.split(",").map((c) => c.replace(/^"|"$/g, "")));
  assert.deepEqual(csv[0].slice(0, 4), ["序号", "机构", "类别", "状态"]);
  assert.equal(csv.length, 38);
  assert.deepEqual(csv.slice(1).map((r) => [r[0], r[3]]), board.bodies.map((b) => [String(b.position), b.state_label]));
  assert.deepEqual(page.errors, []);
});

test("the board API filters, sorts and pages on the server and names a bad parameter", async () => {
  const page1 = (await call("office", "GET", "/api/v1/board?limit=10&offset=30")).json;
  assert.equal(page1.total, 37);
  assert.equal(page1.matched, 37);
  assert.deepEqual(page1.bodies.map((b) => b.position), [31, 32, 33, 34, 35, 36, 37]);
  const submitted = (await call("office", "GET", "/api/v1/board?state=submitted")).json;
  assert.equal(submitted.matched, 2);
  assert.equal(submitted.counts.not_started, 35);  // counts stay over the whole round
  const byErrors = (await call("office", "GET", "/api/v1/board?sort=errors&order=desc")).json.bodies;
  assert.ok(byErrors.every((b, i) => i === 0 || byErrors[i - 1].open_errors >= b.open_errors));
  for (const [q, word] of [["sort=color", "sort"], ["order=up", "order"], ["limit=0", "limit"], ["offset=-1", "offset"], ["state=done", "state"], ["kind=x", "kind"]]) {
    const r = await call("office", "GET", "/api/v1/board?" + q);
    assert.equal(r.status, 400, q);
    assert.ok(r.json.error.message.includes(word), r.json.error.message);
  }
});

test("a reviewer returns one draft with remarks per article and approves another", async () => {
  const page = await session("reviewer");
  await page.waitForSelector("#queue tbody tr");
  assert.deepEqual(await page.$$eval("#queue tbody tr", (t) => t.map((tr) => tr.dataset.body)), ["emergency", "natural-resources"]);
  await shot(page, "web-queue.png");
  await page.click('#queue tr[data-body="emergency"] a');
  await page.waitForSelector("#draft p");
  const marks = await page.$$eval("#draft mark", (m) => m.length);
  const listed = await page.$$eval("#findings li", (li) => li.map((x) => x.textContent));
  assert.ok(marks > 0 && listed.length >= marks, `findings marked in place (${marks}) and listed (${listed.length})`);
  assert.ok(listed.every((t) => /^【(错误|警告|提示)】/.test(t)));
  assert.ok(await page.isVisible("#quota"));
  // The quota table is core's comparison of the staffing article with the framework, line by line.
  const quota = (await call("reviewer", "GET", "/api/v1/bodies/emergency/revisions/1/quota")).json;
  const quotaRows = await page.$$eval("#quota tbody tr", (trs) => trs.map((tr) => [tr.cells[0].textContent, tr.dataset.verdict]));
  assert.deepEqual(quotaRows, quota.lines.map((l) => [l.label, l.verdict]));
  assert.ok(quota.lines.some((l) => l.label === "内设机构" && l.framework !== null));
  await shot(page, "web-draft.png");
  await page.fill("#return-comment", "请按逐条意见修改");
  await page.click("#add-remark");
  await page.selectOption("#remarks .remark:nth-child(1) .r-article", "第三条");
  await page.fill("#remarks .remark:nth-child(1) .r-quote", "应急管理");
  await page.fill("#remarks .remark:nth-child(1) .r-text", "职责表述请对照范本");
  await page.click("#add-remark");
  await page.selectOption("#remarks .remark:nth-child(2) .r-article", "第五条");
  await page.fill("#remarks .remark:nth-child(2) .r-text", XSS_COMMENT);
  await page.click("#return");
  await page.waitForSelector("text=已退回修改。");
  assert.match(await page.textContent("#state"), /已退回/);
  const remarks = await page.textContent("#history .remarks");
  assert.match(remarks, /第三条“应急管理”：职责表述请对照范本/);
  assert.ok(remarks.includes(XSS_COMMENT), "the remark with markup shows as text");
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  const api = await call("reviewer", "GET", "/api/v1/bodies/emergency");
  assert.deepEqual(api.json.reviews[0].comments.map((c) => c.article), ["第三条", "第五条"]);

  await page.goto(base + "/#/body/natural-resources");
  await page.waitForSelector("#approve");
  await page.click("#approve");  // the confirmation (naming open errors, if any) is accepted
  await page.waitForSelector("text=已审核通过。");
  assert.match(await page.textContent("#state"), /已审核通过/);
  const board = (await call("office", "GET", "/api/v1/board")).json;
  const states = Object.fromEntries(board.bodies.map((b) => [b.id, b.state_label]));
  assert.equal(states.emergency, "已退回");
  assert.equal(states["natural-resources"], "已审核通过");
  assert.deepEqual(page.errors, []);
});

test("the head signs the approved revision; a drafter reaches neither another body nor the sign-off", async () => {
  const head = await session("head-natural-resources");
  await head.waitForSelector("#signoff");
  await head.fill("#signoff-password", "wrong");
  await head.click("#sign");
  await head.waitForSelector("#signoff .msg.bad");
  assert.match(await head.textContent("#signoff .msg.bad"), /密码不正确/);
  await head.fill("#signoff-password", passwords["head-natural-resources"]);
  await head.click("#sign");
  await head.waitForSelector("#signoff-record");
  const record = await head.textContent("#signoff-record");
  const body = (await call("office", "GET", "/api/v1/bodies/natural-resources")).json;
  assert.ok(record.includes(body.signoff.sha256) && record.includes(body.signoff.signature));
  assert.equal((await call("office", "GET", "/api/v1/board")).json.bodies.filter((b) => b.signed).length, 1);

  const drafter = await session("drafter-emergency");
  await drafter.waitForSelector("#history");
  assert.equal(await drafter.isVisible("#signoff"), false);
  assert.equal(await drafter.isVisible("#review"), false);
  await drafter.goto(base + "/#/body/natural-resources");
  await drafter.waitForSelector("text=无权查看");
  assert.equal((await apiInPage(drafter, "GET", "/api/v1/bodies/natural-resources")).status, 404);
  // Even with the session's own CSRF token, a drafter may not sign.
  const csrf = JSON.parse((await apiInPage(drafter, "GET", "/api/v1/me")).body).csrf;
  const signoff = await drafter.evaluate(async (csrf) => {
    const r = await fetch("/api/v1/bodies/emergency/signoff", { method: "POST", credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "Content-Type": "application/json" }, body: JSON.stringify({ revision: 1, password: "x" }) });
    return { status: r.status, body: await r.json() };
  }, csrf);
  assert.equal(signoff.status, 403);
  assert.equal(signoff.body.error.code, "auth.forbidden");
  assert.match(signoff.body.error.message, /起草人/);
});

test("the office collects the signed draft, downloads the bundle named in Chinese, and finds both in the audit log", async () => {
  const page = await session("office");
  await page.goto(base + "/#/collect");
  await page.waitForSelector("#to-collect tbody tr");
  assert.deepEqual(await page.$$eval("#to-collect tbody tr", (t) => t.map((tr) => tr.dataset.body)), ["natural-resources"]);
  await page.click("#collect");  // the confirmation is accepted
  await page.waitForSelector("text=已收集 1 个机构");
  assert.deepEqual(await page.$$eval("#collected tbody tr", (t) => t.map((tr) => tr.dataset.body)), ["natural-resources"]);
  const board = (await call("office", "GET", "/api/v1/board")).json;
  const row = board.bodies.find((b) => b.id === "natural-resources");
  assert.equal(row.state_label, "已收集");
  const auditBefore = (await call("office", "GET", "/api/v1/audit")).json.length;
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-bundle")]);
  assert.match(download.suggestedFilename(), /收集包-\d{4}-\d{2}-\d{2}\.zip$/);
  const file = path.join(dir, "bundle.zip");
  await download.saveAs(file);
  await page.waitForSelector("#bundle-status a");
  const names = execFileSync("python3", ["-c", "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", file], { encoding: "utf8" }).trim().split("\n");
  const body = (await call("office", "GET", "/api/v1/bodies/natural-resources")).json;
  assert.ok(names.includes(`drafts/${String(row.position).padStart(2, "0")}-${body.short_name}-修订1.odt`), names.join(", "));
  // Downloading changed nothing: no new audit entry, the state as it was.
  assert.equal((await call("office", "GET", "/api/v1/audit")).json.length, auditBefore);

  await page.goto(base + "/#/audit");
  await page.waitForSelector("#audit tbody tr");
  await page.selectOption("#audit-action", "workflow.collect");
  const rows = await page.$$eval("#audit tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  assert.equal(rows.length, 1);
  assert.equal(rows[0][3], "收集");
  assert.equal(rows[0][4], body.name);
  assert.equal(rows[0][2], "协调办王五");
  assert.match(rows[0][5], /修订 1/);
  await page.selectOption("#audit-action", "");
  await page.selectOption("#audit-body", "natural-resources");
  const actions = await page.$$eval("#audit tbody tr", (trs) => trs.map((tr) => tr.cells[3].textContent));
  assert.deepEqual(actions, ["添加用户", "添加用户", "新建草案", "提交审核", "审核通过", "签发", "收集"]);
  // No internal id anywhere a person reads.
  assert.doesNotMatch(await page.textContent("main"), /workflow\.|revision\.upload|draft\.create|"revision"/);
  assert.deepEqual(page.errors, []);
});

test("the comparison of a revision with one unit inserted shows exactly one insertion", async () => {
  // The drafter of the returned body saves a revision with one internal unit inserted (as Writer would).
  const r1 = await fetch(base + "/api/v1/bodies/emergency/revisions/1", { headers: { Authorization: "Bearer " + (await token("drafter-emergency")) } });
  const odt1 = path.join(dir, "r1.odt"), odt2 = path.join(dir, "r2.odt");
  writeFileSync(odt1, Buffer.from(await r1.arrayBuffer()));
  execFileSync("python3", ["-c", `
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
zin = zipfile.ZipFile(src)
with zipfile.ZipFile(dst, "w") as zout:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if info.filename == "content.xml":
            x = data.decode()
            for old, new in (("（六）工贸", "（七）工贸"), ("（五）危险化学品", "（六）危险化学品"), ("（四）安全生产", "（五）安全生产"),
                             ("（三）风险监测", "（四）风险监测")):
                x = x.replace(old, new)
            x = x.replace("（四）风险监测", '（三）防汛抗旱股。负责防汛抗旱工作。</text:p><text:p text:style-name="sanding_Body">（四）风险监测', 1)
            data = x.encode()
        zout.writestr(info, data, compress_type=info.compress_type)
`, odt1, odt2]);
  const up = await fetch(base + "/api/v1/bodies/emergency/revisions", { method: "POST", body: readFileSync(odt2),
    headers: { Authorization: "Bearer " + (await token("drafter-emergency")), "Content-Type": "application/vnd.oasis.opendocument.text" } });
  assert.equal(up.status, 201, await up.text());
  const api = (await call("reviewer", "GET", "/api/v1/bodies/emergency/compare?from=1&to=2")).json;
  const changed = api.articles.filter((a) => a.status !== "same");
  assert.deepEqual(changed.map((a) => a.article), ["第四条"]);
  assert.deepEqual(changed[0].paragraphs.map((p) => p.status), ["added"]);

  const page = await session("reviewer");
  await page.goto(base + "/#/body/emergency");
  await page.waitForSelector("#compare-link");
  await page.click("#compare-link");
  await page.waitForSelector("#comparison section");
  assert.deepEqual(await page.$$eval("#comparison section", (s) => s.map((x) => x.dataset.article)), ["第四条"]);
  assert.equal(await page.$$eval("#comparison ins", (x) => x.length), 1);
  assert.equal(await page.$$eval("#comparison del", (x) => x.length), 0);
  assert.equal(await page.textContent("#comparison ins"), "（三）防汛抗旱股。负责防汛抗旱工作。");
  assert.match(await page.textContent("#compare-summary"), /修订 1 → 修订 2：1 条有改动/);
  await shot(page, "web-compare.png");
  // Every article, unchanged ones too, when asked.
  await page.uncheck("#only-changed");
  assert.ok((await page.$$eval("#comparison section", (s) => s.length)) > 5);
  assert.deepEqual(page.errors, []);
});

test("a page still loading when the user moves on does not paint over the page they moved to", async () => {
  const page = await session("reviewer");
  // The board answers slowly; the user leaves it for a body's page before it arrives.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route("**/api/v1/board?*", async (r) => { await held; await r.continue(); });
  await page.goto(base + "/#/board");
  await page.goto(base + "/#/body/emergency");
  await page.waitForSelector("#history");
  const answered = page.waitForResponse((r) => r.url().includes("/api/v1/board?"));
  release();
  await answered;
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  assert.ok(await page.$("#history"), "the body page is still shown");
  assert.equal(await page.$("#board"), null);
  assert.deepEqual(page.errors, []);
});

test("in a narrow window every page fits its width: wide tables scroll inside themselves", async () => {
  const page = await session("office");
  await page.setViewportSize({ width: 390, height: 800 });
  for (const [hash, ready] of [["#/board", "#board tbody tr"], ["#/body/emergency", "#history"], ["#/collect", "#collected"],
    ["#/audit", "#audit tbody tr"], ["#/body/emergency/compare/1/2", "#comparison section"]]) {
    await page.goto(base + "/" + hash);
    await page.waitForSelector(ready);
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= width, `${hash}: the page is ${scroll} px wide in a ${width} px window`);
  }
  assert.deepEqual(page.errors, []);
});

test("a state change without the CSRF token is refused; after logout every page asks to log in", async () => {
  const page = await session("drafter-emergency");
  await page.waitForSelector("#history");
  const before = (await call("drafter-emergency", "GET", "/api/v1/bodies/emergency")).json;
  const r = await apiInPage(page, "POST", "/api/v1/bodies/emergency/submit");
  assert.equal(r.status, 403);
  assert.equal(JSON.parse(r.body).error.code, "auth.csrf");
  const after = (await call("drafter-emergency", "GET", "/api/v1/bodies/emergency")).json;
  assert.equal(after.state, before.state);
  assert.equal(after.reviews.length, before.reviews.length);
  // The cookie is not readable by the page.
  assert.equal(await page.evaluate(() => document.cookie), "");
  await page.click("#logout");
  await page.waitForSelector("#username");
  await page.goto(base + "/#/board");
  await page.waitForSelector("#username");
  assert.equal((await apiInPage(page, "GET", "/api/v1/me")).status, 401);
});
