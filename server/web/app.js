// 三定工作台: one page, hash routes, every change through the JSON API with the session cookie and
// the CSRF token. Text from the server is only ever set as text (never parsed as HTML).
const state = { me: null, csrf: "" };
const main = document.getElementById("main");

function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "class") e.className = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}
function show(...nodes) { main.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined && n !== false)); }
function message(text, good) { return h("div", { class: "msg " + (good ? "good" : "bad"), role: "status" }, text); }

class ApiError extends Error { constructor(status, code, msg) { super(msg); this.status = status; this.code = code; } }

async function api(method, path, body) {
  const headers = {};
  if (method !== "GET") headers["X-CSRF-Token"] = state.csrf;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(path, { method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) });
  if (r.status === 204) return null;
  const data = await r.json().catch(() => null);
  if (!r.ok) {
    const e = data && data.error ? data.error : { code: "http." + r.status, message: "服务器答复 " + r.status };
    if (r.status === 401 && !path.endsWith("/login")) { state.me = null; location.hash = "#/login"; }
    throw new ApiError(r.status, e.code, e.message);
  }
  return data;
}

const roleHome = { office: "#/board", admin: "#/board", reviewer: "#/queue" };
function home() { return state.me ? roleHome[state.me.role] || "#/body/" + state.me.body : "#/login"; }

function renderHeader() {
  const nav = document.getElementById("nav"), who = document.getElementById("who");
  const links = [];
  if (state.me) {
    if (["office", "reviewer", "admin"].includes(state.me.role)) links.push(["#/board", "进度总览"], ["#/queue", "待审核"]);
    if (state.me.body) links.push(["#/body/" + state.me.body, "本机构"]);
    if (["office", "admin"].includes(state.me.role)) links.push(["#/audit", "审计日志"]);
  }
  nav.replaceChildren(...links.map(([href, label]) => h("a", { href, class: location.hash.startsWith(href) ? "on" : "" }, label)));
  who.replaceChildren(...(state.me ? [state.me.display_name + "（" + state.me.role_label + "）",
    h("button", { class: "plain", id: "logout", onclick: logout }, "退出")] : []));
}

async function logout() {
  try { await api("POST", "/api/v1/logout"); } catch (e) { /* already ended */ }
  state.me = null; state.csrf = "";
  location.hash = "#/login";
}

function loginPage(note) {
  const user = h("input", { type: "text", id: "username", autocomplete: "username", required: true });
  const pass = h("input", { type: "password", id: "password", autocomplete: "current-password", required: true });
  const out = h("div");
  const form = h("form", { class: "login", onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      const r = await api("POST", "/api/v1/login", { username: user.value, password: pass.value, session: true });
      state.me = r.user; state.csrf = r.csrf;
      location.hash = home();
    } catch (e) { out.replaceChildren(message(e.message)); }
  } }, h("h1", {}, "登录三定工作台"), note ? message(note) : null,
    h("label", {}, "用户名", user), h("label", {}, "密码", pass), h("button", { type: "submit" }, "登录"), out);
  show(form);
  user.focus();
}

// --- 进度总览 -----------------------------------------------------------------------------
function timeLeft(seconds) {
  if (seconds <= 0) return "已过截止时间";
  const d = Math.floor(seconds / 86400), hrs = Math.floor((seconds % 86400) / 3600);
  return "剩余 " + d + " 天 " + hrs + " 小时";
}

async function boardPage() {
  const b = await api("GET", "/api/v1/board");
  const late = b.seconds_left <= 0;
  const kinds = [...new Set(b.bodies.map((x) => x.kind_label))];
  const states = [...new Set(b.bodies.map((x) => x.state_label))];
  const kindSel = h("select", { id: "filter-kind" }, h("option", { value: "" }, "全部类别"), kinds.map((k) => h("option", { value: k }, k)));
  const stateSel = h("select", { id: "filter-state" }, h("option", { value: "" }, "全部状态"), states.map((s) => h("option", { value: s }, s)));
  const cols = [["position", "序号", true], ["name", "机构"], ["kind_label", "类别"], ["state_label", "状态"], ["current_revision", "修订", true],
    ["last_change_local", "最后变更"], ["open_errors", "错误", true], ["open_warnings", "警告", true], ["signed", "签发"]];
  let sortKey = "position", asc = true;
  const tbody = h("tbody");
  const fill = () => {
    const rows = b.bodies.filter((x) => (!kindSel.value || x.kind_label === kindSel.value) && (!stateSel.value || x.state_label === stateSel.value))
      .sort((x, y) => (x[sortKey] < y[sortKey] ? -1 : x[sortKey] > y[sortKey] ? 1 : 0) * (asc ? 1 : -1));
    tbody.replaceChildren(...rows.map((x) => h("tr", { class: late && !x.signed ? "late" : "", "data-body": x.id },
      h("td", { class: "num" }, x.position), h("td", {}, h("a", { href: "#/body/" + x.id }, x.name)), h("td", {}, x.kind_label),
      h("td", {}, x.state_label), h("td", { class: "num" }, x.current_revision || "—"),
      h("td", {}, x.current_revision ? x.last_change_local : "—"),
      h("td", { class: "num" + (x.open_errors ? " error" : "") }, x.open_errors), h("td", { class: "num" }, x.open_warnings),
      h("td", {}, x.signed ? "已签发" : "未签发"))));
    document.getElementById("shown").textContent = "显示 " + rows.length + " / " + b.bodies.length;
  };
  kindSel.addEventListener("change", fill);
  stateSel.addEventListener("change", fill);
  const head = h("tr", {}, cols.map(([key, label]) => h("th", { class: "sortable", "data-key": key, onclick: () => {
    asc = sortKey === key ? !asc : true; sortKey = key; fill();
  } }, label)));
  const signed = b.bodies.filter((x) => x.signed).length;
  const countsByLabel = {};
  for (const x of b.bodies) countsByLabel[x.state_label] = (countsByLabel[x.state_label] || 0) + 1;
  show(h("h1", {}, b.round, " · 进度总览"),
    h("p", { id: "deadline", class: late ? "error" : "" }, "截止：", b.deadline, " 24:00（", b.time_zone_label, "） · ", timeLeft(b.seconds_left)),
    h("div", { class: "counts", id: "counts" }, Object.entries(countsByLabel).map(([k, n]) => h("span", { "data-state": k }, k, " ", n))),
    h("div", { id: "progress-text" }, "签发 ", signed, " / ", b.total),
    h("div", { class: "bar", role: "progressbar", "aria-valuenow": signed, "aria-valuemax": b.total },
      h("div", { id: "progress", style: null })),
    h("div", { class: "filters" }, kindSel, stateSel, h("span", { id: "shown", class: "muted" })),
    h("table", { id: "board" }, h("thead", {}, head), tbody));
  document.getElementById("progress").style.width = (b.total ? (100 * signed) / b.total : 0) + "%";
  fill();
}

// --- 待审核 -----------------------------------------------------------------------------
function waited(s) { return s >= 86400 ? Math.floor(s / 86400) + " 天" : s >= 3600 ? Math.floor(s / 3600) + " 小时" : Math.floor(s / 60) + " 分钟"; }

async function queuePage() {
  const q = await api("GET", "/api/v1/queue");
  show(h("h1", {}, "待审核（", q.length, "）"), q.length === 0 ? h("p", { class: "muted" }, "没有等待审核的草案。") :
    h("table", { id: "queue" }, h("thead", {}, h("tr", {}, ["机构", "修订", "提交人", "提交时间（" + (state.me.time_zone_label || "北京时间") + "）", "已等待", "错误", "警告"].map((t) => h("th", {}, t)))),
      h("tbody", {}, q.map((x) => h("tr", { "data-body": x.body }, h("td", {}, h("a", { href: "#/body/" + x.body }, x.name)), h("td", { class: "num" }, x.revision),
        h("td", {}, x.submitted_by_name), h("td", {}, x.submitted_at_local), h("td", {}, waited(x.waiting_seconds)),
        h("td", { class: "num" + (x.errors ? " error" : "") }, x.errors), h("td", { class: "num" }, x.warnings))))));
}

// --- a body's page ------------------------------------------------------------------------
const severityLabel = { error: "错误", warning: "警告", info: "提示" };

// The paragraph split at the findings' UTF-16 offsets (JavaScript strings count UTF-16 too).
function markedParagraph(text, findings, index, articleStart) {
  const p = h("p", { class: articleStart ? "article-start" : "", "data-paragraph": index });
  const spans = findings.filter((f) => f.length_utf16 > 0).sort((a, b) => a.offset_utf16 - b.offset_utf16);
  let at = 0;
  for (const f of spans) {
    if (f.offset_utf16 < at) continue;
    p.append(text.slice(at, f.offset_utf16));
    p.append(h("mark", { class: "f-" + f.severity, id: "f" + f._n, title: f.message + " [" + f.rule + "]" }, text.slice(f.offset_utf16, f.offset_utf16 + f.length_utf16)));
    at = f.offset_utf16 + f.length_utf16;
  }
  p.append(text.slice(at));
  return p;
}

function quotaTable(body, findings) {
  const q = body.quota;
  if (!q) return null;
  const staffing = findings.filter((f) => /^N/.test(f.rule));
  const row = (label, value) => {
    const off = staffing.find((f) => f.message.includes(label));
    return h("tr", { class: off ? "mismatch-row" : "" }, h("td", {}, label), h("td", { class: "num" }, value),
      h("td", { class: off ? "mismatch" : "muted" }, off ? "✗ " + off.message : "与框架一致"));
  };
  return h("table", { id: "quota" }, h("thead", {}, h("tr", {}, h("th", {}, "编制职数"), h("th", {}, "框架核定"), h("th", {}, "草案"))),
    h("tbody", {}, q.establishments.map((e) => row(e.type, e.count)), q.leaders.map((l) => row(l.title, l.count)),
      row((q.unit_level || "") + "领导职数", q.unit_posts), row("内设机构", q.internal_units)));
}

function history(body) {
  return h("table", { id: "history" }, h("thead", {}, h("tr", {}, ["修订", "状态", "作者", "时间", "错误/警告", "审核意见"].map((t) => h("th", {}, t)))),
    h("tbody", {}, body.revisions.map((r) => h("tr", {}, h("td", { class: "num" }, r.number), h("td", {}, r.status_label), h("td", {}, r.author_name),
      h("td", {}, r.created_at_local), h("td", {}, r.findings.errors + " / " + r.findings.warnings),
      h("td", { class: "remarks" }, r.reviews.map((v) => h("div", {}, h("strong", {}, v.verdict_label), " ", v.reviewer_name, " ", v.at_local, v.comment ? "：" + v.comment : "",
        h("ul", {}, v.comments.map((c) => h("li", {}, c.article, c.quote ? "“" + c.quote + "”" : "", "：", c.text))))))))));
}

function articleLabels(paragraphs) {
  return paragraphs.map((t) => (t.match(/^第[一二三四五六七八九十百]+条/) || [null])[0]).filter(Boolean);
}

function reviewActions(body, paragraphs, errors, refresh) {
  const out = h("div");
  const overall = h("textarea", { id: "return-comment", rows: 3, placeholder: "总体意见" });
  const remarks = h("div", { id: "remarks" });
  const labels = articleLabels(paragraphs);
  const addRemark = () => remarks.append(h("div", { class: "remark" },
    h("select", { class: "r-article" }, labels.map((l) => h("option", { value: l }, l))),
    h("input", { type: "text", class: "r-quote", placeholder: "引用原文（可选）" }),
    h("input", { type: "text", class: "r-text", placeholder: "意见" }),
    h("button", { type: "button", class: "plain", onclick: (ev) => ev.target.parentElement.remove() }, "删除")));
  const act = async (action, payload) => {
    try {
      await api("POST", "/api/v1/bodies/" + body.id + "/" + action, payload);
      await refresh(action === "return" ? "已退回修改。" : "已审核通过。");
    } catch (e) { out.replaceChildren(message(e.message)); }
  };
  return h("div", { class: "card", id: "review" }, h("h2", {}, "审核"), overall, remarks,
    h("p", {}, h("button", { type: "button", class: "plain", id: "add-remark", onclick: addRemark }, "添加逐条意见"), " ",
      h("button", { type: "button", id: "return", onclick: () => {
        const comments = [...remarks.querySelectorAll(".remark")].map((r) => ({ article: r.querySelector(".r-article").value,
          quote: r.querySelector(".r-quote").value, text: r.querySelector(".r-text").value })).filter((c) => c.text.trim());
        act("return", { comment: overall.value, comments });
      } }, "退回"), " ",
      h("button", { type: "button", id: "approve", onclick: () => {
        const ask = errors > 0 ? "修订 " + body.current_revision + " 还有 " + errors + " 处错误未改正，仍要审核通过吗？" : "审核通过修订 " + body.current_revision + "？";
        if (confirm(ask)) act("approve", overall.value ? { comment: overall.value } : {});
      } }, "审核通过")), out);
}

function signoffRecord(so) {
  return h("div", { class: "card", id: "signoff-record" }, h("h2", {}, "签发记录"),
    h("p", {}, "修订 ", so.revision, " · ", so.signer_name, " · ", so.signed_at_local),
    h("p", {}, "SHA-256：", h("code", {}, so.sha256)), h("p", {}, "签名（Ed25519）：", h("code", {}, so.signature)));
}

function signAction(body, rev, errors, refresh) {
  const pass = h("input", { type: "password", id: "signoff-password", autocomplete: "current-password" });
  const out = h("div");
  return h("div", { class: "card", id: "signoff" }, h("h2", {}, "签发"),
    h("p", {}, "审核通过的修订 ", rev.number, "，SHA-256：", h("code", {}, rev.sha256)),
    errors > 0 ? h("p", { class: "error" }, "该修订还有 ", errors, " 处错误。") : null,
    h("label", { class: "field" }, "再次输入密码以签发", pass),
    h("button", { type: "button", id: "sign", onclick: async () => {
      try {
        await api("POST", "/api/v1/bodies/" + body.id + "/signoff", { revision: rev.number, password: pass.value });
        await refresh("已签发。");
      } catch (e) { out.replaceChildren(message(e.message)); }
    } }, "签发"), out);
}

async function bodyPage(id, note) {
  let body;
  try { body = await api("GET", "/api/v1/bodies/" + encodeURIComponent(id)); }
  catch (e) {
    if (e.status === 404 || e.status === 403) return show(h("h1", {}, "无法查看"), message("没有这个机构，或您无权查看该机构。"));
    throw e;
  }
  const refresh = (text) => bodyPage(id, text);
  const parts = [h("h1", {}, body.full_name || body.name), note ? message(note, true) : null,
    h("p", { id: "state" }, "状态：", h("strong", {}, body.current_revision ? body.state_label : "未开始"),
      body.current_revision ? " · 修订 " + body.current_revision + " · " + body.state_changed_at_local : "")];
  if (!body.current_revision) return show(...parts, h("p", { class: "muted" }, "尚未起草。"));
  const n = body.current_revision;
  const [text, report] = await Promise.all([api("GET", `/api/v1/bodies/${id}/revisions/${n}/text`), api("GET", `/api/v1/bodies/${id}/revisions/${n}/findings`)]);
  const findings = report.findings.map((f, i) => ({ ...f, _n: i }));
  const errors = findings.filter((f) => f.severity === "error").length;
  const byParagraph = new Map();
  for (const f of findings) byParagraph.set(f.paragraph, [...(byParagraph.get(f.paragraph) || []), f]);
  const draft = h("div", { class: "card draft", id: "draft" }, text.paragraphs.map((t, i) => markedParagraph(t, byParagraph.get(i) || [], i, /^第[一二三四五六七八九十百]+条/.test(t))));
  const list = h("ul", { class: "findings", id: "findings" }, findings.length === 0 ? h("li", { class: "muted" }, "未发现问题") :
    findings.map((f) => h("li", { class: f.severity, onclick: () => {
      document.querySelectorAll("mark.focus").forEach((m) => m.classList.remove("focus"));
      const m = document.getElementById("f" + f._n);
      if (m) { m.classList.add("focus"); m.scrollIntoView({ block: "center" }); }
    } }, "【", severityLabel[f.severity] || f.severity, "】", f.article ? f.article + " " : "", f.message, " [", f.rule, "]",
      f.suggestions && f.suggestions.length ? " → 改为“" + f.suggestions[0] + "”" : "")));
  const current = body.revisions.find((r) => r.number === n);
  const role = state.me.role;
  parts.push(h("div", { class: "split" }, h("div", {}, h("h2", {}, "修订 ", n, " 正文"), draft),
    h("div", {}, h("h2", {}, "检查结果（错误 ", errors, "）"), list, h("h2", {}, "编制与框架"), quotaTable(body, findings),
      role === "reviewer" && body.state === "submitted" ? reviewActions(body, text.paragraphs, errors, refresh) : null,
      role === "head" && body.state === "approved" && current ? signAction(body, current, errors, refresh) : null,
      body.signoff ? signoffRecord(body.signoff) : null)));
  parts.push(h("h2", {}, "修订记录"), history(body));
  show(...parts);
}

async function auditPage() {
  const entries = await api("GET", "/api/v1/audit");
  const bodySel = h("select", { id: "audit-body" }, h("option", { value: "" }, "全部机构"), [...new Set(entries.map((e) => e.body).filter(Boolean))].map((b) => h("option", { value: b }, b)));
  const actionSel = h("select", { id: "audit-action" }, h("option", { value: "" }, "全部操作"), [...new Set(entries.map((e) => e.action))].map((a) => h("option", { value: a }, a)));
  const tbody = h("tbody");
  const fill = () => tbody.replaceChildren(...entries.filter((e) => (!bodySel.value || e.body === bodySel.value) && (!actionSel.value || e.action === actionSel.value))
    .map((e) => h("tr", {}, h("td", { class: "num" }, e.seq), h("td", {}, e.at), h("td", {}, e.actor), h("td", {}, e.action), h("td", {}, e.body), h("td", {}, h("code", {}, e.detail)))));
  bodySel.addEventListener("change", fill);
  actionSel.addEventListener("change", fill);
  show(h("h1", {}, "审计日志"), h("div", { class: "filters" }, bodySel, actionSel),
    h("table", { id: "audit" }, h("thead", {}, h("tr", {}, ["序号", "时间（UTC）", "操作人", "操作", "机构", "详情"].map((t) => h("th", {}, t)))), tbody));
  fill();
}

async function route() {
  const hash = location.hash || "#/";
  if (!state.me && hash !== "#/login") {
    try { const me = await api("GET", "/api/v1/me"); state.me = me; state.csrf = me.csrf || ""; }
    catch (e) { state.me = null; }
  }
  renderHeader();
  if (!state.me) { if (hash !== "#/login") location.hash = "#/login"; return loginPage(); }
  try {
    if (hash === "#/login" || hash === "#/") return void (location.hash = home());
    if (hash === "#/board") return await boardPage();
    if (hash === "#/queue") return await queuePage();
    if (hash === "#/audit") return await auditPage();
    const m = hash.match(/^#\/body\/([A-Za-z0-9_-]+)$/);
    if (m) return await bodyPage(m[1]);
    show(message("没有这个页面。"));
  } catch (e) {
    show(message(e.message || String(e)));
  }
}

window.addEventListener("hashchange", route);
route();
