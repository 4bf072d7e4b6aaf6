// The workspace's shared primitives: DOM building (text only, never HTML), the JSON API client
// with the session cookie and CSRF token, and the page registry each page module adds itself to.
export const state = { me: null, csrf: "" };
const main = document.getElementById("main");

export function h(tag, attrs, ...children) {
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
export function show(...nodes) { main.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined && n !== false)); }
// Each navigation starts a new view; a page that is still loading when the user moves on must not
// paint over the page they moved to, so a page paints through the view it started in.
let generation = 0;
export function newView() { return ++generation; }
export function isCurrentView(g) { return g === generation; }
export function view() { const g = generation; return (...nodes) => { if (g === generation) show(...nodes); }; }
// A body the user may see, or null after showing that they may not (the server answers the same
// 404 for a body that does not exist and one of another's, so the page says both alike).
export async function bodyOrRefusal(id, show) {
  try { return await api("GET", "/api/v1/bodies/" + encodeURIComponent(id)); }
  catch (e) {
    if (e.status === 404 || e.status === 403) { show(h("h1", {}, "无法查看"), message("没有这个机构，或您无权查看该机构。")); return null; }
    throw e;
  }
}
export function message(text, good) { return h("div", { class: "msg " + (good ? "good" : "bad"), role: "status" }, text); }

export class ApiError extends Error { constructor(status, code, msg) { super(msg); this.status = status; this.code = code; } }

export async function api(method, path, body) {
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

// Pages: a hash pattern (its groups are the page function's arguments) and an optional nav entry
// { label, may, href(me), order } shown to users whose me.may[may] is true (to all without may).
export const pages = [];
export function addPage(pattern, render, nav) { pages.push({ pattern, render, nav }); }

// Durations and countdowns as the office reads them.
export function waited(s) { return s >= 86400 ? Math.floor(s / 86400) + " 天" : s >= 3600 ? Math.floor(s / 3600) + " 小时" : Math.floor(s / 60) + " 分钟"; }
