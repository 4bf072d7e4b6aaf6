// 进度总览: every body of the round in the framework's order, counts, progress and the deadline.
import { state, h, show, message, api, addPage } from "./ui.js";

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


addPage(/^#\/board$/, boardPage, { label: "进度总览", roles: ["office", "reviewer", "admin"], href: () => "#/board", order: 10 });
