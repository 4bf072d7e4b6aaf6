// A body's page: the current revision with findings in place, quota, review and sign-off actions, history.
import { state, h, view, message, api, addPage, bodyOrRefusal } from "./ui.js";

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

// The staffing article against the framework, line by line, as core compares them.
function quotaTable(quota) {
  if (!quota) return null;
  const num = (v) => (v === null || v === undefined ? "—" : v);
  return h("table", { id: "quota" }, h("thead", {}, h("tr", {}, h("th", {}, "编制职数"), h("th", { class: "num" }, "框架核定"), h("th", { class: "num" }, "草案"), h("th", {}, ""))),
    h("tbody", {}, quota.lines.map((l) => h("tr", { class: l.verdict === "match" ? "" : "mismatch-row", "data-verdict": l.verdict },
      h("td", {}, l.label), h("td", { class: "num" }, num(l.framework)), h("td", { class: "num" }, num(l.draft)),
      h("td", { class: l.verdict === "match" ? "muted" : "mismatch" }, l.verdict === "match" ? "一致" : "✗ " + l.verdict_label)))));
}

// 职责边界协调会 decisions about this body, and whether its latest draft says them yet.
function decisionsOf(body, decisions) {
  const mine = (decisions || []).filter((d) => d.lead === body.id || d.support === body.id);
  if (mine.length === 0) return null;
  return h("div", { class: "card", id: "body-decisions" }, h("h2", {}, "职责边界协调会决定"),
    h("ul", {}, mine.map((d) => {
      const pending = d.findings.find((f) => f.body === body.id);
      return h("li", { class: pending ? "warning" : "" }, d.lead_name, "牵头、", d.support_name, "配合：", d.duty,
        d.comment ? "（" + d.comment + "）" : "", " · ", d.at_local, pending ? h("div", {}, "✗ ", pending.message) : h("span", { class: "muted" }, " · 本机构草案已写明"));
    })));
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
  const show = view();
  const body = await bodyOrRefusal(id, show);
  if (!body) return;
  const refresh = (text) => bodyPage(id, text);
  const parts = [h("h1", {}, body.full_name || body.name), note ? message(note, true) : null,
    h("p", { id: "state" }, "状态：", h("strong", {}, body.current_revision ? body.state_label : "未开始"),
      body.current_revision ? " · 修订 " + body.current_revision + " · " + body.state_changed_at_local : "")];
  if (!body.current_revision) return show(...parts, h("p", { class: "muted" }, "尚未起草。"));
  const n = body.current_revision;
  const [text, report, quota] = await Promise.all([api("GET", `/api/v1/bodies/${id}/revisions/${n}/text`), api("GET", `/api/v1/bodies/${id}/revisions/${n}/findings`),
    api("GET", `/api/v1/bodies/${id}/revisions/${n}/quota`).catch(() => null)]);
  const decisions = await api("GET", "/api/v1/boundaries/decisions").catch(() => []);
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
  const may = state.me.may;
  parts.push(h("div", { class: "split" }, h("div", {}, h("h2", {}, "修订 ", n, " 正文"), draft),
    h("div", {}, h("h2", {}, "检查结果（错误 ", errors, "）"), list, h("h2", {}, "编制与框架"), quotaTable(quota),
      may.review && body.state === "submitted" ? reviewActions(body, text.paragraphs, errors, refresh) : null,
      may.sign && body.state === "approved" && current ? signAction(body, current, errors, refresh) : null,
      body.signoff ? signoffRecord(body.signoff) : null)));
  parts.push(decisionsOf(body, decisions));
  parts.push(h("h2", {}, "修订记录"), body.revisions.length > 1 ?
    h("p", {}, h("a", { href: `#/body/${id}/compare/${body.revisions[body.revisions.length - 2].number}/${n}`, id: "compare-link" }, "比较修订")) : null,
    history(body));
  show(...parts);
}

addPage(/^#\/body\/([A-Za-z0-9_-]+)$/, (id) => bodyPage(id), { label: "本机构", href: (me) => (me.body ? "#/body/" + me.body : null), order: 30 });
