// 三定工作台: one page, hash routes, every change through the JSON API with the session cookie and
// the CSRF token. Text from the server is only ever set as text (never parsed as HTML).
// Each page is a module that registers itself with addPage (see ui.js); importing it is all.
import { state, h, show, message, api, pages, newView, isCurrentView } from "./ui.js";
import "./board.js";
import "./queue.js";
import "./body.js";
import "./compare.js";
import "./boundaries.js";
import "./collect.js";
import "./audit.js";

// Where each user starts: the queue for those who review, the board for those who see it, else
// their own body. What a user may do comes from the server (me.may), which checks it again.
function home() {
  if (!state.me) return "#/login";
  return state.me.may.review ? "#/queue" : state.me.may.see_board ? "#/board" : "#/body/" + state.me.body;
}

function renderHeader() {
  const nav = document.getElementById("nav"), who = document.getElementById("who");
  const links = [];
  if (state.me) {
    for (const p of [...pages].filter((p) => p.nav).sort((a, b) => a.nav.order - b.nav.order)) {
      if (p.nav.may && !state.me.may[p.nav.may]) continue;
      const href = p.nav.href(state.me);
      if (href) links.push([href, p.nav.label]);
    }
  }
  nav.replaceChildren(...links.map(([href, label]) => h("a", { href, class: location.hash.startsWith(href) ? "on" : "" }, label)));
  who.replaceChildren(...(state.me ? [state.me.display_name + "（" + state.me.role_label + "）",
    h("button", { class: "plain", id: "logout", onclick: logout }, "退出")] : []));
}

async function logout() {
  try { await api("POST", "/api/v1/logout"); } catch (e) { /* already ended */ }
  state.me = null; state.csrf = "";
  location.hash = "#/login";
}

function loginPage(note) {
  const user = h("input", { type: "text", id: "username", autocomplete: "username", required: true });
  const pass = h("input", { type: "password", id: "password", autocomplete: "current-password", required: true });
  const out = h("div");
  const form = h("form", { class: "login", onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      const r = await api("POST", "/api/v1/login", { username: user.value, password: pass.value, session: true });
      state.me = r.user; state.csrf = r.csrf;
      location.hash = home();
    } catch (e) { out.replaceChildren(message(e.message)); }
  } }, h("h1", {}, "登录三定工作台"), note ? message(note) : null,
    h("label", {}, "用户名", user), h("label", {}, "密码", pass), h("button", { type: "submit" }, "登录"), out);
  show(form);
  user.focus();
}

async function route() {
  const hash = location.hash || "#/";
  const gen = newView();
  if (!state.me && hash !== "#/login") {
    try { const me = await api("GET", "/api/v1/me"); state.me = me; state.csrf = me.csrf || ""; }
    catch (e) { state.me = null; }
    if (!isCurrentView(gen)) return; // the user already moved on
  }
  renderHeader();
  if (!state.me) { if (hash !== "#/login") location.hash = "#/login"; return loginPage(); }
  try {
    if (hash === "#/login" || hash === "#/") return void (location.hash = home());
    for (const p of pages) {
      const m = hash.match(p.pattern);
      if (m) return await p.render(...m.slice(1).map((x) => (x === undefined ? undefined : decodeURIComponent(x))));
    }
    show(message("没有这个页面。"));
  } catch (e) {
    if (isCurrentView(gen)) show(message(e.message || String(e)));
  }
}

window.addEventListener("hashchange", route);
route();
