// 修订对照: any two revisions of a body aligned by article and, inside an article, by item, with
// insertions and deletions marked at character level inside a matched item.
import { h, view, message, api, addPage, bodyOrRefusal } from "./ui.js";

const articleStatus = { same: "未改动", changed: "有修改", added: "新增", removed: "删除" };

function pieces(p) {
  if (p.status === "same") return [p.after];
  if (p.status === "added") return [h("ins", {}, p.after)];
  if (p.status === "removed") return [h("del", {}, p.before)];
  return (p.ops || []).map((op) => (op.op === "insert" ? h("ins", {}, op.text) : op.op === "delete" ? h("del", {}, op.text) : op.text));
}

async function comparePage(id, from, to) {
  const show = view();
  const body = await bodyOrRefusal(id, show);
  if (!body) return;
  const numbers = body.revisions.map((r) => r.number);
  if (numbers.length < 2) return show(h("h1", {}, body.name, " · 修订对照"), message("只有一个修订，没有可比较的。"));
  const newest = numbers[numbers.length - 1];
  to = Number(to || newest);
  from = Number(from || numbers[numbers.indexOf(to) - 1] || numbers[0]);
  const pick = (id, value) => h("select", { id, "aria-label": id === "from" ? "旧修订" : "新修订" },
    numbers.map((n) => h("option", { value: n, selected: n === value }, "修订 " + n)));
  const fromSel = pick("from", from), toSel = pick("to", to);
  const go = () => { location.hash = "#/body/" + id + "/compare/" + fromSel.value + "/" + toSel.value; };
  fromSel.addEventListener("change", go);
  toSel.addEventListener("change", go);
  let d;
  try { d = await api("GET", `/api/v1/bodies/${id}/compare?from=${from}&to=${to}&context=all`); }
  catch (e) { return show(h("h1", {}, body.name, " · 修订对照"), h("div", { class: "filters" }, fromSel, "→", toSel), message(e.message)); }
  const onlyChanged = h("input", { type: "checkbox", id: "only-changed", checked: true });
  const list = h("div", { id: "comparison" });
  const fill = () => list.replaceChildren(...d.articles.filter((a) => !onlyChanged.checked || a.status !== "same").map((a) =>
    h("section", { class: "card cmp-" + a.status, "data-article": a.article },
      h("h3", {}, a.article, " ", h("span", { class: "badge" }, articleStatus[a.status] || "")),
      a.paragraphs.map((p) => h("p", { class: "cmp-p " + p.status, "data-status": p.status }, pieces(p))))));
  onlyChanged.addEventListener("change", fill);
  const odt = `/api/v1/bodies/${encodeURIComponent(id)}/compare?from=${from}&to=${to}&format=odt`;
  show(h("h1", {}, body.full_name || body.name, " · 修订对照"),
    h("div", { class: "filters" }, fromSel, "→", toSel, h("label", {}, onlyChanged, " 只看有改动的条"),
      h("a", { href: odt, id: "compare-odt" }, "下载对照稿（在 Writer 中逐处查看修订）"), h("a", { href: "#/body/" + id }, "返回机构页")),
    h("p", { id: "compare-summary" }, "修订 ", from, " → 修订 ", to, "：", d.changed_articles, " 条有改动",
      d.title ? h("span", {}, "；标题由“", d.title.before, "”改为“", d.title.after, "”") : ""),
    h("p", { class: "muted" }, h("ins", {}, "绿色下划线"), " 为插入，", h("del", {}, "红色删除线"), " 为删除。"), list);
  fill();
}

addPage(/^#\/body\/([A-Za-z0-9_-]+)\/compare(?:\/(\d+)\/(\d+))?$/, comparePage);
