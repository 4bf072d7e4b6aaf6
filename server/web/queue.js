// 待审核: drafts waiting for review, oldest first.
import { state, h, view, api, addPage, waited } from "./ui.js";

async function queuePage() {
  const show = view();
  const q = await api("GET", "/api/v1/queue");
  show(h("h1", {}, "待审核（", q.length, "）"), q.length === 0 ? h("p", { class: "muted" }, "没有等待审核的草案。") :
    h("table", { id: "queue" }, h("thead", {}, h("tr", {}, ["机构", "修订", "提交人", "提交时间（" + (state.me.time_zone_label || "北京时间") + "）", "已等待", "错误", "警告"].map((t) => h("th", {}, t)))),
      h("tbody", {}, q.map((x) => h("tr", { "data-body": x.body }, h("td", {}, h("a", { href: "#/body/" + x.body }, x.name)), h("td", { class: "num" }, x.revision),
        h("td", {}, x.submitted_by_name), h("td", {}, x.submitted_at_local), h("td", {}, waited(x.waiting_seconds)),
        h("td", { class: "num" + (x.errors ? " error" : "") }, x.errors), h("td", { class: "num" }, x.warnings))))));
}

addPage(/^#\/queue$/, queuePage, { label: "待审核", may: "see_queue", href: () => "#/queue", order: 20 });
