// What the drafter sees of the connection (联网状态): whether the configured server answers, and
// which rules the proofreader checks with. Shown as the text of the 三定 toolbar's status item
// (vnd.sanding:Status) and of the same menu entry; updated by every network call, so a server
// that goes down is visible as "离线" while proofreading goes on with the local rules.
#pragma once

#include <com/sun/star/frame/XStatusListener.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <com/sun/star/util/URL.hpp>

#include <string>

namespace sanding::plugin {

enum class Link { NotConfigured, Online, Offline };

struct LinkStatus {
    Link link = Link::NotConfigured;
    std::string server;  // as configured
    std::string detail;  // what failed, when offline
};

// Reported by the network code (any thread). Listeners hear of a change at once.
void report_online(const std::string& server);
void report_offline(const std::string& server, const std::string& what);
void report_not_configured();
void report_rules_changed();
// The draft last worked on in this session, e.g. "区应急管理局 · 已提交 · 修订 3" (shown after the
// rules).
void report_draft(const std::string& text);
// Why the rules in use are not the ones that should be (a rules file that failed to load), or "".
void report_rules_problem(const std::string& text);

LinkStatus link_status();

// The status line in the office's UI language, e.g. "三定：离线（无法连接 http://…）· 本地规则".
std::string status_text();

// The UI language is read through this context (set once, by the first command object).
void set_status_context(const css::uno::Reference<css::uno::XComponentContext>& ctx);

// Toolbar and menu controllers listening on vnd.sanding:Status; the listener hears the current
// status immediately.
void add_status_listener(const css::uno::Reference<css::frame::XStatusListener>& l,
                         const css::util::URL& url,
                         const css::uno::Reference<css::uno::XInterface>& source);
void remove_status_listener(const css::uno::Reference<css::frame::XStatusListener>& l);

}  // namespace sanding::plugin
