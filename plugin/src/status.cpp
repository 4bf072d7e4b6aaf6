#include "status.hpp"

#include <com/sun/star/frame/FeatureStateEvent.hpp>

#include <mutex>
#include <vector>

#include "dialogs.hpp"
#include "rules.hpp"
#include "strings.hpp"

namespace sanding::plugin {
namespace {

using namespace css;

struct Registered {
    uno::Reference<frame::XStatusListener> listener;
    util::URL url;
    uno::Reference<uno::XInterface> source;
};

std::mutex mutex;
LinkStatus current;
std::string draft;          // "区应急管理局 · 已提交 · 修订 3"
std::string rules_problem;  // why the intended rules are not in use
std::vector<Registered> listeners;
uno::Reference<uno::XComponentContext> context;

frame::FeatureStateEvent event_for(const Registered& r, const std::string& text) {
    frame::FeatureStateEvent ev;
    ev.Source = r.source;
    ev.FeatureURL = r.url;
    ev.IsEnabled = true;
    ev.Requery = false;
    ev.State <<= u(text);
    return ev;
}

// Tells every listener; called without the lock held (a listener may call back into us).
void broadcast() {
    std::vector<Registered> copy;
    {
        std::lock_guard<std::mutex> lock(mutex);
        copy = listeners;
    }
    const std::string text = status_text();
    for (const auto& r : copy) {
        try {
            r.listener->statusChanged(event_for(r, text));
        } catch (const uno::RuntimeException&) {
            remove_status_listener(r.listener);  // its toolbar is gone
        }
    }
}

void set(Link link, const std::string& server, const std::string& detail) {
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (current.link == link && current.server == server && current.detail == detail) return;
        current = {link, server, detail};
    }
    broadcast();
}

}  // namespace

void report_online(const std::string& server) {
    set(Link::Online, server, {});
}
void report_offline(const std::string& server, const std::string& what) {
    set(Link::Offline, server, what);
}
void report_not_configured() {
    set(Link::NotConfigured, {}, {});
}
void report_rules_changed() {
    broadcast();
}
void report_draft(const std::string& text) {
    {
        std::lock_guard<std::mutex> lock(mutex);
        draft = text;
    }
    broadcast();
}
void report_rules_problem(const std::string& text) {
    {
        std::lock_guard<std::mutex> lock(mutex);
        rules_problem = text;
    }
    broadcast();
}

LinkStatus link_status() {
    std::lock_guard<std::mutex> lock(mutex);
    return current;
}

void set_status_context(const uno::Reference<uno::XComponentContext>& ctx) {
    std::lock_guard<std::mutex> lock(mutex);
    if (!context.is()) context = ctx;
}

std::string status_text() {
    const LinkStatus s = link_status();
    uno::Reference<uno::XComponentContext> ctx;
    std::string draft_text, problem;
    {
        std::lock_guard<std::mutex> lock(mutex);
        ctx = context;
        draft_text = draft;
        problem = rules_problem;
    }
    std::string rules = rules_etag().empty() ? tr(ctx, "内置规则", "built-in rules")
                                             : tr(ctx, "服务器规则", "server rules");
    if (!problem.empty()) rules += "（" + problem + "）";
    const std::string tail = draft_text.empty() ? std::string() : " · " + draft_text;
    switch (s.link) {
        case Link::Online:
            return tr(ctx, "三定：在线 ", "Sanding: online ") + s.server + " · " + rules + tail;
        case Link::Offline:
            return tr(ctx, "三定：离线（", "Sanding: offline (") + s.detail +
                   tr(ctx, "）· 继续用本地", ") · checking with local ") + rules + tail;
        case Link::NotConfigured: break;
    }
    return tr(ctx, "三定：未设置服务器 · ", "Sanding: no server set · ") + rules + tail;
}

void add_status_listener(const uno::Reference<frame::XStatusListener>& l, const util::URL& url,
                         const uno::Reference<uno::XInterface>& source) {
    if (!l.is()) return;
    Registered r{l, url, source};
    {
        std::lock_guard<std::mutex> lock(mutex);
        listeners.push_back(r);
    }
    l->statusChanged(event_for(r, status_text()));
}

void remove_status_listener(const uno::Reference<frame::XStatusListener>& l) {
    std::lock_guard<std::mutex> lock(mutex);
    std::erase_if(listeners, [&](const Registered& r) { return r.listener == l; });
}

}  // namespace sanding::plugin
