// The 三定 menu's protocol handler: vnd.sanding:<Command> URLs dispatched to the command functions
// (command.hpp). Commands on the open document alone run on the UI thread; those that talk to the
// server run on the extension's worker, so Writer never waits on the network. Each outcome is
// shown in Chinese over a visible window (unless the person already saw it) and handed to a
// dispatch-result listener as JSON (what the tests and macros read). Nothing thrown crosses the
// UNO bridge: every failure becomes a FAILURE outcome with a message, and is logged.
#include <com/sun/star/frame/DispatchResultEvent.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XDispatchResultListener.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <cppuhelper/implbase4.hxx>
#include <cppuhelper/supportsservice.hxx>

#include <map>
#include <mutex>
#include <sstream>

#include "client.hpp"
#include "command.hpp"
#include "dialogs.hpp"
#include "main_thread.hpp"
#include "rules.hpp"
#include "sanding/error.hpp"
#include "status.hpp"
#include "strings.hpp"
#include "worker.hpp"

namespace {

using namespace css;
using rtl::OUString;
using namespace sanding::plugin;

struct Entry {
    Outcome (*run)(Invocation&);
    bool local;  // on the open document alone: runs on the UI thread
};

const std::map<std::string, Entry>& table() {
    static const std::map<std::string, Entry> t = {
        {"Settings", {settings, false}},
        {"Status", {connection_status, false}},
        {"CheckAll", {check_all, true}},
        {"ApplyFixes", {apply_fixes, true}},
        {"GoTo", {go_to, true}},
        {"NewDraft", {new_draft, false}},
        {"SaveRevision", {save_revision, false}},
        {"Submit", {submit_for_review, false}},
        {"Queue", {review_queue, false}},
        {"Return", {return_draft, false}},
        {"Approve", {approve, false}},
        {"SignOff", {sign_off, false}},
        {"Revisions", {revisions, false}},
    };
    return t;
}

std::string stringify(const Poco::JSON::Object::Ptr& o) {
    std::ostringstream out;
    o->stringify(out);
    return out.str();
}

Outcome run_caught(const std::string& command, Invocation& inv) {
    Outcome o;
    try {
        const auto it = table().find(command);
        if (it == table().end()) throw ServerError{"未知的命令：" + command};
        o = it->second.run(inv);
    } catch (const ServerError& e) {
        o.ok = false, o.message = e.message;
    } catch (const sanding::Error& e) {
        o.ok = false, o.message = e.message();
    } catch (const uno::Exception& e) {
        o.ok = false, o.message = "出错：" + utf8(e.Message);
        log_error(command, utf8(e.Message));
    } catch (const std::exception& e) {
        o.ok = false, o.message = std::string("出错：") + e.what();
        log_error(command, e.what());
    } catch (...) {
        o.ok = false, o.message = "出错：未知错误";
        log_error(command, "unknown exception");
    }
    o.data->set("ok", o.ok);
    o.data->set("message", o.message);
    return o;
}

class Commands : public cppu::WeakImplHelper4<frame::XDispatchProvider, frame::XNotifyingDispatch,
                                              lang::XInitialization, lang::XServiceInfo> {
public:
    explicit Commands(uno::Reference<uno::XComponentContext> ctx) : ctx_(std::move(ctx)) {
        set_status_context(ctx_);
        // With a server remembered from an earlier session: its rules (and so the status) at once.
        static std::once_flag once;
        std::call_once(once, [this] {
            if (!Connection::instance().server().empty()) refresh_rules_in_background(ctx_);
        });
    }

    // XInitialization: the frame the menu was used in.
    void SAL_CALL initialize(const uno::Sequence<uno::Any>& args) override {
        if (args.hasElements()) args[0] >>= frame_;
    }

    // XDispatchProvider
    uno::Reference<frame::XDispatch> SAL_CALL queryDispatch(const util::URL& url, const OUString&,
                                                            sal_Int32) override {
        if (url.Protocol == "vnd.sanding:") return this;
        return {};
    }
    uno::Sequence<uno::Reference<frame::XDispatch>> SAL_CALL
    queryDispatches(const uno::Sequence<frame::DispatchDescriptor>& ds) override {
        uno::Sequence<uno::Reference<frame::XDispatch>> out(ds.getLength());
        for (sal_Int32 i = 0; i < ds.getLength(); ++i)
            out[i] = queryDispatch(ds[i].FeatureURL, ds[i].FrameName, ds[i].SearchFlags);
        return out;
    }

    // XDispatch / XNotifyingDispatch
    void SAL_CALL dispatch(const util::URL& url,
                           const uno::Sequence<beans::PropertyValue>& args) override {
        dispatchWithNotification(url, args, {});
    }
    void SAL_CALL dispatchWithNotification(
        const util::URL& url, const uno::Sequence<beans::PropertyValue>& args,
        const uno::Reference<frame::XDispatchResultListener>& listener) override {
        const std::string command = utf8(url.Path);
        uno::Reference<frame::XDispatch> keep(this);
        auto inv = std::make_shared<Invocation>();
        inv->ctx = ctx_, inv->frame = frame_, inv->args = args;
        try {
            if (!ask_missing(command, *inv)) return;  // cancelled
        } catch (const uno::Exception& e) {
            log_error(command, utf8(e.Message));
            return;
        } catch (const std::exception& e) {
            log_error(command, e.what());
            return;
        }
        auto work = [this, keep, command, inv, listener] {
            const Outcome o = run_caught(command, *inv);
            show(*inv, o);
            if (!listener.is()) return;
            try {
                frame::DispatchResultEvent ev;
                ev.Source = keep;
                ev.State = o.ok ? frame::DispatchResultState::SUCCESS
                                : frame::DispatchResultState::FAILURE;
                ev.Result <<= u(stringify(o.data));
                listener->dispatchFinished(ev);
            } catch (const uno::Exception& e) {
                log_error(command + " listener", utf8(e.Message));
            }
        };
        const auto it = table().find(command);
        if (it != table().end() && it->second.local)
            work();
        else
            run_on_worker(ctx_, work);
    }
    // The toolbar's and menu's status item shows the connection (在线/离线) and the rules in use.
    void SAL_CALL addStatusListener(const uno::Reference<frame::XStatusListener>& l,
                                    const util::URL& url) override {
        try {
            if (url.Path == "Status")
                add_status_listener(l, url, static_cast<cppu::OWeakObject*>(this));
        } catch (const std::exception& e) {
            log_error("addStatusListener", e.what());
        }
    }
    void SAL_CALL removeStatusListener(const uno::Reference<frame::XStatusListener>& l,
                                       const util::URL&) override {
        remove_status_listener(l);
    }

    // XServiceInfo
    OUString SAL_CALL getImplementationName() override { return "org.sanding.Commands"; }
    sal_Bool SAL_CALL supportsService(const OUString& n) override {
        return cppu::supportsService(this, n);
    }
    uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override {
        return one_name("com.sun.star.frame.ProtocolHandler");
    }

private:
    // A message box over the window, when there is a visible one (never in headless tests), from
    // the main loop: the command's thread goes on and reports its outcome at once.
    void show(const Invocation& inv, const Outcome& o) {
        if (o.message.empty() || o.shown) return;
        try {
            Invocation where = inv;
            if (o.over.is()) where.frame = o.over;  // not behind the window the command opened
            uno::Reference<awt::XWindowPeer> peer = where.visible_peer();
            if (!peer.is()) return;
            const bool ok = o.ok;
            const std::string message = o.message;
            auto ctx = ctx_;
            post_to_main_thread(ctx_, [ctx, peer, ok, message] {
                try {
                    tell(ctx, peer, ok, message);
                } catch (const uno::Exception& e) {
                    log_error("message box", utf8(e.Message));
                }
            });
        } catch (const uno::Exception& e) {
            log_error("message box", utf8(e.Message));
        }
    }

    uno::Reference<uno::XComponentContext> ctx_;
    uno::Reference<frame::XFrame> frame_;
};

}  // namespace

extern "C" SAL_DLLPUBLIC_EXPORT uno::XInterface* org_sanding_Commands_get_implementation(
    uno::XComponentContext* ctx, uno::Sequence<uno::Any> const&) {
    return cppu::acquire(static_cast<cppu::OWeakObject*>(new Commands(ctx)));
}
