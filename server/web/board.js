// 进度总览: every body of the round in the framework's order, counts, progress and the deadline.
// Filtered, sorted and paged by the server, so a round of 10,000 bodies shows as fast as 37.
import { h, view, api, addPage } from "./ui.js";

const PAGE = 200;

function timeLeft(seconds) {
  if (seconds <= 0) return "已过截止时间";
  const d = Math.floor(seconds / 86400), hrs = Math.floor((seconds % 86400) / 3600);
  return "剩余 " + d + " 天 " + hrs + " 小时";
}

const cols = [["position", "序号"], ["name", "机构"], ["kind", "类别"], ["state", "状态"], ["revision", "修订"],
  ["last_change", "最后变更"], ["errors", "错误"], ["warnings", "警告"], ["signed", "签发"]];

async function boardPage() {
  const show = view();
  const filter = { kind: "", state: "", sort: "position", order: "asc", offset: 0 };
  const query = (paged) => new URLSearchParams(Object.entries({ kind: filter.kind, state: filter.state, sort: filter.sort, order: filter.order,
    ...(paged ? { offset: filter.offset, limit: PAGE } : {}) }).filter(([, v]) => v !== "")).toString();
  let b = await api("GET", "/api/v1/board?" + query(true));
  const kindSel = h("select", { id: "filter-kind", "aria-label": "类别" }, h("option", { value: "" }, "全部类别"), b.kinds.map((k) => h("option", { value: k.kind }, k.label)));
  const stateSel = h("select", { id: "filter-state", "aria-label": "状态" }, h("option", { value: "" }, "全部状态"), b.states.map((s) => h("option", { value: s.state }, s.label)));
  const shown = h("span", { id: "shown", class: "muted" });
  const pager = h("span", { class: "pager" });
  const exportLink = h("a", { id: "export-ods", class: "button plain" }, "导出进度表");
  const tbody = h("tbody");
  const head = h("tr", {}, cols.map(([key, label]) => h("th", { class: "sortable", "data-key": key, "aria-sort": "none", onclick: () => {
    filter.order = filter.sort === key && filter.order === "asc" ? "desc" : "asc";
    filter.sort = key;
    filter.offset = 0;
    reload();
  } }, label)));
  const fill = () => {
    tbody.replaceChildren(...b.bodies.map((x) => h("tr", { class: x.late ? "late" : "", "data-body": x.id },
      h("td", { class: "num" }, x.position), h("td", {}, h("a", { href: "#/body/" + x.id }, x.name)), h("td", {}, x.kind_label),
      h("td", {}, x.state_label, x.late ? h("span", { class: "error" }, "（逾期）") : ""), h("td", { class: "num" }, x.current_revision || "—"),
      h("td", {}, x.current_revision ? x.last_change_local : "—"),
      h("td", { class: "num" + (x.open_errors ? " error" : "") }, x.open_errors), h("td", { class: "num" }, x.open_warnings),
      h("td", {}, x.signed ? "已签发" : "未签发"))));
    for (const th of head.children) th.setAttribute("aria-sort", th.dataset.key === filter.sort ? (filter.order === "asc" ? "ascending" : "descending") : "none");
    const first = b.matched ? b.offset + 1 : 0, last = b.offset + b.bodies.length;
    shown.textContent = "显示 " + b.bodies.length + " / " + b.total + (b.matched > b.bodies.length ? "（第 " + first + "–" + last + " 条，共 " + b.matched + " 条）" : "");
    pager.replaceChildren(...(b.matched > PAGE ? [
      h("button", { type: "button", class: "plain", id: "page-prev", disabled: b.offset === 0, onclick: () => { filter.offset = Math.max(0, filter.offset - PAGE); reload(); } }, "上一页"),
      h("button", { type: "button", class: "plain", id: "page-next", disabled: last >= b.matched, onclick: () => { filter.offset += PAGE; reload(); } }, "下一页")] : []));
    exportLink.href = "/api/v1/board.ods" + (query(false) ? "?" + query(false) : "");
  };
  const reload = async () => { b = await api("GET", "/api/v1/board?" + query(true)); fill(); };
  kindSel.addEventListener("change", () => { filter.kind = kindSel.value; filter.offset = 0; reload(); });
  stateSel.addEventListener("change", () => { filter.state = stateSel.value; filter.offset = 0; reload(); });
  const labels = Object.fromEntries(b.states.map((s) => [s.state, s.label]));
  show(h("h1", {}, b.round, " · 进度总览"),
    h("p", { id: "deadline", class: b.late ? "error" : "" }, "截止：", b.deadline, " 24:00（", b.time_zone_label, "） · ", timeLeft(b.seconds_left)),
    h("div", { class: "counts", id: "counts" }, b.states.filter((s) => b.counts[s.state]).map((s) => h("span", { "data-state": labels[s.state] }, labels[s.state], " ", b.counts[s.state]))),
    h("div", { id: "progress-text" }, "签发 ", b.signed, " / ", b.total),
    h("div", { class: "bar", role: "progressbar", "aria-valuenow": b.signed, "aria-valuemax": b.total }, h("div", { id: "progress" })),
    h("div", { class: "filters" }, kindSel, stateSel, shown, pager, exportLink),
    h("table", { id: "board" }, h("thead", {}, head), tbody));
  document.getElementById("progress").style.width = (b.total ? (100 * b.signed) / b.total : 0) + "%";
  fill();
}

addPage(/^#\/board$/, boardPage, { label: "进度总览", may: "see_board", href: () => "#/board", order: 10 });
