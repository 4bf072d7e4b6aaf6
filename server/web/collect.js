// 收集 (coordination office): collect the signed drafts — a state change, audited — and download the
// bundle, which changes nothing and may be downloaded again.
import { h, view, message, api, addPage } from "./ui.js";

// The file name the server gave (filename* in UTF-8 first), for the browser's save.
function fileName(disposition, fallback) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition || "");
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(disposition || "");
  return plain ? plain[1] : fallback;
}

const kb = (n) => (n / 1024).toFixed(n < 10240 ? 1 : 0) + " KB";

// Streams the bundle with a progress bar (a round's bundle can be large), then saves it.
async function download(progress, status) {
  status.replaceChildren("正在准备收集包……");
  const r = await fetch("/api/v1/bundle", { credentials: "same-origin" });
  if (!r.ok) {
    const data = await r.json().catch(() => null);
    throw new Error(data && data.error ? data.error.message : "服务器答复 " + r.status);
  }
  const total = Number(r.headers.get("Content-Length")) || 0;
  const reader = r.body.getReader();
  const chunks = [];
  let got = 0;
  progress.hidden = false;
  progress.max = total || 1;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    got += value.length;
    progress.value = total ? got : 0;
    status.replaceChildren("已下载 " + kb(got) + (total ? " / " + kb(total) : ""));
  }
  const name = fileName(r.headers.get("Content-Disposition"), "收集包.zip");
  const url = URL.createObjectURL(new Blob(chunks, { type: "application/zip" }));
  const a = h("a", { href: url, download: name, id: "bundle-link" }, name);
  a.click();
  status.replaceChildren("已下载 ", a, "（" + kb(got) + "）。用 sanding verify 核对签名。");
  progress.value = progress.max;
}

async function collectPage(note) {
  const show = view();
  const board = await api("GET", "/api/v1/board");
  const signed = board.bodies.filter((b) => b.state === "signed");
  const collected = board.bodies.filter((b) => b.state === "collected");
  const out = h("div", { id: "collect-result" });
  const table = (rows, id) => rows.length === 0 ? h("p", { class: "muted", id }, "无") :
    h("table", { id }, h("thead", {}, h("tr", {}, ["序号", "机构", "修订", "最后变更"].map((t) => h("th", {}, t)))),
      h("tbody", {}, rows.map((b) => h("tr", { "data-body": b.id }, h("td", { class: "num" }, b.position), h("td", {}, b.name),
        h("td", { class: "num" }, b.current_revision), h("td", {}, b.last_change_local)))));
  const collectButton = h("button", { type: "button", id: "collect", disabled: signed.length === 0, onclick: async () => {
    if (!confirm("收集已签发的 " + signed.length + " 个机构？收集后这些机构的状态转为“已收集”。")) return;
    try {
      const r = await api("POST", "/api/v1/collect", {});
      await collectPage("已收集 " + r.count + " 个机构" + (r.count ? "：" + r.bodies.map((b) => b.name).join("、") : "") + "。");
    } catch (e) { out.replaceChildren(message(e.message)); }
  } }, "收集已签发的 " + signed.length + " 个机构");
  const progress = h("progress", { id: "bundle-progress", hidden: true, value: 0, max: 1 });
  const status = h("span", { id: "bundle-status", role: "status" });
  const downloadButton = h("button", { type: "button", class: "plain", id: "download-bundle", disabled: collected.length === 0, onclick: async () => {
    downloadButton.disabled = true;
    try { await download(progress, status); } catch (e) { status.replaceChildren(message(e.message)); }
    downloadButton.disabled = false;
  } }, "下载收集包");
  show(h("h1", {}, board.round, " · 收集"), note ? message(note, true) : null,
    h("p", {}, "签发 ", board.bodies.filter((b) => b.signed).length, " / ", board.total, "；待收集 ", signed.length, "，已收集 ", collected.length, "。"),
    h("div", { class: "card" }, h("h2", {}, "待收集（已签发）"), table(signed, "to-collect"), h("p", {}, collectButton), out),
    h("div", { class: "card" }, h("h2", {}, "已收集"), table(collected, "collected"),
      h("p", {}, downloadButton, " ", progress, " ", status),
      h("p", { class: "muted" }, "收集包内每份签发稿命名为“序号-机构简称-修订N.odt”，附签名清单和服务器公钥；下载不改变任何状态，可重复下载。")));
}

addPage(/^#\/collect$/, () => collectPage(), { label: "收集", may: "collect", href: () => "#/collect", order: 80 });
