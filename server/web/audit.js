// 审计日志: every recorded action, filterable by body and action.
import { state, h, show, message, api, addPage } from "./ui.js";

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


addPage(/^#\/audit$/, auditPage, { label: "审计日志", roles: ["office", "admin"], href: () => "#/audit", order: 90 });
