// 审计日志: every recorded action in Chinese, filterable by body and action.
import { state, h, view, api, addPage } from "./ui.js";

async function auditPage() {
  const show = view();
  const entries = await api("GET", "/api/v1/audit");
  const options = (pairs) => [...new Map(pairs.filter(([v]) => v)).entries()].map(([v, label]) => h("option", { value: v }, label));
  const bodySel = h("select", { id: "audit-body", "aria-label": "机构" }, h("option", { value: "" }, "全部机构"), options(entries.map((e) => [e.body, e.body_name])));
  const actionSel = h("select", { id: "audit-action", "aria-label": "操作" }, h("option", { value: "" }, "全部操作"), options(entries.map((e) => [e.action, e.action_label])));
  const shown = h("span", { class: "muted", id: "audit-shown" });
  const tbody = h("tbody");
  const fill = () => {
    const rows = entries.filter((e) => (!bodySel.value || e.body === bodySel.value) && (!actionSel.value || e.action === actionSel.value));
    tbody.replaceChildren(...rows.map((e) => h("tr", { "data-action": e.action }, h("td", { class: "num" }, e.seq), h("td", {}, e.at_local),
      h("td", {}, e.actor_name), h("td", {}, e.action_label), h("td", {}, e.body_name), h("td", {}, e.detail_text))));
    shown.textContent = "显示 " + rows.length + " / " + entries.length + " 条";
  };
  bodySel.addEventListener("change", fill);
  actionSel.addEventListener("change", fill);
  show(h("h1", {}, "审计日志"), h("div", { class: "filters" }, bodySel, actionSel, shown),
    h("table", { id: "audit" }, h("thead", {}, h("tr", {}, ["序号", "时间（" + state.me.time_zone_label + "）", "操作人", "操作", "机构", "详情"].map((t) => h("th", {}, t)))), tbody));
  fill();
}

addPage(/^#\/audit$/, auditPage, { label: "审计日志", may: "see_audit_log", href: () => "#/audit", order: 90 });
