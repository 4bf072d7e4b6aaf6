// 职责边界 (reviewers, office): duties two bodies' drafts both claim, side by side with the shared
// words marked; duties nobody claims; the meeting paper; and, after the meeting, its decisions.
import { state, h, view, message, api, addPage } from "./ui.js";

const utf8 = new TextEncoder(), text8 = new TextDecoder();

// The text with the shared byte ranges (UTF-8, as the API gives them) marked.
function marked(side) {
  const bytes = utf8.encode(side.text);
  const out = [];
  let at = 0;
  for (const [b, e] of side.shared) {
    if (b < at || e > bytes.length) continue;
    out.push(text8.decode(bytes.slice(at, b)), h("mark", { class: "shared" }, text8.decode(bytes.slice(b, e))));
    at = e;
  }
  out.push(text8.decode(bytes.slice(at)));
  return out;
}

const pairKey = (x, y) => [x, y].sort().join("|");

function statusOf(o, decided) {
  if (decided.has(pairKey(o.a.body, o.b.body))) return ["decided", "已决定"];
  return o.resolved ? ["resolved", "已由职责分工明确"] : ["open", "未解决"];
}

function decisionForm(o, refresh) {
  const lead = h("select", { class: "d-lead", "aria-label": "牵头机构" }, h("option", { value: o.a.body }, o.a.name), h("option", { value: o.b.body }, o.b.name));
  const comment = h("input", { type: "text", class: "d-comment", placeholder: "说明（可选）" });
  const out = h("span");
  return h("div", { class: "decide" }, "协调会决定：", lead, " 牵头，另一方配合 ", comment,
    h("button", { type: "button", class: "d-record", onclick: async () => {
      const support = lead.value === o.a.body ? o.b : o.a, leader = lead.value === o.a.body ? o.a : o.b;
      if (!confirm("记录决定：" + leader.name + "牵头、" + support.name + "配合？记录后写入审计日志，并提示双方在有关职责分工中写明。")) return;
      try {
        await api("POST", "/api/v1/boundaries/decisions", { lead: leader.body, support: support.body, duty: leader.text, comment: comment.value });
        await refresh("已记录决定：" + leader.name + "牵头、" + support.name + "配合。");
      } catch (e) { out.replaceChildren(message(e.message)); }
    } }, "记录决定"), out);
}

function decisionsTable(decisions) {
  if (decisions.length === 0) return h("p", { class: "muted", id: "decisions" }, "尚未记录决定。");
  return h("table", { id: "decisions" }, h("thead", {}, h("tr", {}, ["牵头", "配合", "职责", "说明", "记录人", "时间", "草案"].map((t) => h("th", {}, t)))),
    h("tbody", {}, decisions.map((d) => h("tr", { "data-lead": d.lead, "data-support": d.support }, h("td", {}, d.lead_name), h("td", {}, d.support_name),
      h("td", {}, d.duty), h("td", {}, d.comment), h("td", {}, d.decided_by_name), h("td", {}, d.at_local),
      h("td", { class: d.settled ? "muted" : "warning" }, d.settled ? "双方已写明" : d.findings.map((f) => f.name).join("、") + " 尚未写明")))));
}

async function boundariesPage(note) {
  const show = view();
  const minScore = sessionStorage.getItem("boundaries.min_score") || "";
  const q = minScore ? "?min_score=" + encodeURIComponent(minScore) : "";
  const [report, decisions] = await Promise.all([api("GET", "/api/v1/boundaries" + q), api("GET", "/api/v1/boundaries/decisions")]);
  const decided = new Set(decisions.map((d) => pairKey(d.lead, d.support)));
  const refresh = (text) => boundariesPage(text);
  const bodies = new Map();
  for (const o of report.overlaps) for (const s of [o.a, o.b]) bodies.set(s.body, s.name);
  const stateSel = h("select", { id: "b-state", "aria-label": "状态" }, [["", "全部状态"], ["open", "未解决"], ["resolved", "已由职责分工明确"], ["decided", "已决定"]]
    .map(([v, l]) => h("option", { value: v }, l)));
  const bodySel = h("select", { id: "b-body", "aria-label": "机构" }, h("option", { value: "" }, "全部机构"), [...bodies].map(([id, name]) => h("option", { value: id }, name)));
  const score = h("input", { type: "number", id: "b-score", min: 0, max: 1, step: 0.05, value: minScore, placeholder: "默认", "aria-label": "最低相似度" });
  score.addEventListener("change", () => { sessionStorage.setItem("boundaries.min_score", score.value); boundariesPage(); });
  const list = h("div", { id: "overlaps" });
  const shown = h("span", { class: "muted", id: "b-shown" });
  const fill = () => {
    const rows = report.overlaps.filter((o) => (!stateSel.value || statusOf(o, decided)[0] === stateSel.value) &&
      (!bodySel.value || o.a.body === bodySel.value || o.b.body === bodySel.value));
    shown.textContent = "显示 " + rows.length + " / " + report.overlaps.length + " 处";
    list.replaceChildren(...rows.map((o) => {
      const [status, label] = statusOf(o, decided);
      return h("section", { class: "card pair pair-" + status, "data-a": o.a.body, "data-b": o.b.body },
        h("h3", {}, o.a.name, " ↔ ", o.b.name, " ", h("span", { class: "badge" }, "相似度 ", o.score.toFixed(2)), " ",
          h("span", { class: "badge" }, o.verbs_label), " ", h("span", { class: "badge status" }, label)),
        h("div", { class: "side-by-side" },
          h("div", {}, h("div", { class: "muted" }, o.a.name, o.a.where), h("p", { class: "duty" }, marked(o.a))),
          h("div", {}, h("div", { class: "muted" }, o.b.name, o.b.where), h("p", { class: "duty" }, marked(o.b)))),
        o.resolved ? h("p", { class: "muted" }, "职责分工：", o.resolved_by) : null,
        state.me.may.record_boundary_decision && status !== "decided" ? decisionForm(o, refresh) : null);
    }));
  };
  stateSel.addEventListener("change", fill);
  bodySel.addEventListener("change", fill);
  const open = report.overlaps.filter((o) => statusOf(o, decided)[0] === "open").length;
  show(h("h1", {}, "职责边界"), note ? message(note, true) : null,
    h("p", { id: "b-summary" }, "比较了 ", report.drafts.length, " 个机构的最新修订：职责交叉 ", report.overlaps.length, " 处（未解决 ", open, " 处），职责空白 ", report.gaps.length, " 处。 ",
      h("a", { href: "/api/v1/boundaries?format=odt" + (minScore ? "&min_score=" + encodeURIComponent(minScore) : ""), id: "paper", class: "button plain" }, "下载协调会议材料（.odt）")),
    h("div", { class: "filters" }, stateSel, bodySel, h("label", {}, "最低相似度 ", score), shown),
    h("h2", {}, "职责交叉"), list,
    h("h2", {}, "职责空白"), report.gaps.length === 0 ? h("p", { class: "muted" }, "无") :
      h("details", { open: report.gaps.length <= 20 }, h("summary", {}, "职责空白 ", report.gaps.length, " 处"),
        h("ul", { id: "gaps" }, report.gaps.map((g) => h("li", { "data-kind": g.kind }, "【", g.kind_label, "】", g.message)))),
    h("h2", {}, "协调会决定"), decisionsTable(decisions));
  fill();
}

addPage(/^#\/boundaries$/, () => boundariesPage(), { label: "职责边界", may: "see_boundaries", href: () => "#/boundaries", order: 40 });
