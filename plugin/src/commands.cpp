// The 三定 menu: commands dispatched by URL (vnd.sanding:NewDraft, CheckAll, Submit, SignOff,
// Revisions, Settings). Each runs off the UI thread, talks to the server with timeouts, shows its
// outcome in Chinese when the window is visible, and reports it to a dispatch-result listener as
// JSON (what the tests and macros read). Domain work is core's; this file is UNO glue.
#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/awt/XWindow2.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/DispatchHelper.hpp>
#include <com/sun/star/frame/XDispatchHelper.hpp>
#include <com/sun/star/frame/DispatchResultEvent.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XDispatchResultListener.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase4.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <osl/file.hxx>
#include <rtl/process.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <mutex>
#include <optional>
#include <thread>

#include "client.hpp"
#include "dialogs.hpp"
#include "document.hpp"
#include "main_thread.hpp"
#include "rules.hpp"
#include "status.hpp"
#include "sanding/check/checker.hpp"
#include "sanding/check/report.hpp"
#include "sanding/crypto.hpp"
#include "sanding/diff.hpp"
#include "sanding/error.hpp"
#include "sanding/odf_reader.hpp"
#include "strings.hpp"

std::vector<std::pair<std::string, std::string>> embedded_rule_files();

namespace {

using namespace css;
using rtl::OUString;
using sanding::plugin::Connection;
using sanding::plugin::ServerError;

using sanding::plugin::u;
using sanding::plugin::utf8;

std::string arg(const uno::Sequence<beans::PropertyValue>& args, const char* name) {
    for (const auto& a : args)
        if (a.Name.equalsAscii(name)) {
            OUString v;
            a.Value >>= v;
            return utf8(v);
        }
    return {};
}

std::string stringify(const Poco::Dynamic::Var& v) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(v, out);
    return out.str();
}

// What a command produced: shown to the drafter, and handed to a result listener.
struct Outcome {
    bool ok = true;
    std::string message;                 // Chinese, for the person
    Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
};

class Commands : public cppu::WeakImplHelper4<frame::XDispatchProvider, frame::XNotifyingDispatch, lang::XInitialization, lang::XServiceInfo> {
public:
    explicit Commands(uno::Reference<uno::XComponentContext> ctx) : ctx_(std::move(ctx)) {
        sanding::plugin::set_status_context(ctx_);
        // With a server remembered from an earlier session: its rules (and so the status) at once.
        static std::once_flag once;
        std::call_once(once, [] {
            if (!Connection::instance().server().empty()) sanding::plugin::refresh_rules_in_background();
        });
    }

    // XInitialization: the frame the menu was used in.
    void SAL_CALL initialize(const uno::Sequence<uno::Any>& args) override {
        if (args.hasElements()) args[0] >>= frame_;
    }

    // XDispatchProvider
    uno::Reference<frame::XDispatch> SAL_CALL queryDispatch(const util::URL& url, const OUString&, sal_Int32) override {
        if (url.Protocol == "vnd.sanding:") return this;
        return {};
    }
    uno::Sequence<uno::Reference<frame::XDispatch>> SAL_CALL queryDispatches(const uno::Sequence<frame::DispatchDescriptor>& ds) override {
        uno::Sequence<uno::Reference<frame::XDispatch>> out(ds.getLength());
        for (sal_Int32 i = 0; i < ds.getLength(); ++i) out[i] = queryDispatch(ds[i].FeatureURL, ds[i].FrameName, ds[i].SearchFlags);
        return out;
    }

    // XDispatch / XNotifyingDispatch
    void SAL_CALL dispatch(const util::URL& url, const uno::Sequence<beans::PropertyValue>& args) override {
        dispatchWithNotification(url, args, {});
    }
    void SAL_CALL dispatchWithNotification(const util::URL& url, const uno::Sequence<beans::PropertyValue>& args,
                                           const uno::Reference<frame::XDispatchResultListener>& listener) override {
        const std::string command = utf8(url.Path);
        uno::Reference<frame::XDispatch> keep(this);
        // Over a visible window, what the command needs and was not given is asked for here, on
        // the UI thread, before any network call.
        uno::Sequence<beans::PropertyValue> given = args;
        if (!ask_missing(command, given)) return;  // cancelled
        // Commands on the open document alone run here; those that talk to the server run off
        // the UI thread: the network may be slow or down, Writer must not freeze.
        const bool local = command == "CheckAll" || command == "ApplyFixes" || command == "GoTo";
        auto work = [this, keep, command, args = given, listener] {
            Outcome o;
            try {
                o = run(command, args);
            } catch (const ServerError& e) {
                o.ok = false, o.message = e.message;
            } catch (const sanding::Error& e) {
                o.ok = false, o.message = e.message();
            } catch (const std::exception& e) {
                o.ok = false, o.message = std::string("出错：") + e.what();
            }
            o.data->set("ok", o.ok);
            o.data->set("message", o.message);
            show(o);
            if (listener.is()) {
                frame::DispatchResultEvent ev;
                ev.Source = keep;
                ev.State = o.ok ? frame::DispatchResultState::SUCCESS : frame::DispatchResultState::FAILURE;
                ev.Result <<= u(stringify(o.data));
                listener->dispatchFinished(ev);
            }
        };
        if (local) work();
        else std::thread(work).detach();
    }
    // The toolbar's and menu's status item shows the connection (在线/离线) and the rules in use.
    void SAL_CALL addStatusListener(const uno::Reference<frame::XStatusListener>& l, const util::URL& url) override {
        if (url.Path == "Status") sanding::plugin::add_status_listener(l, url, static_cast<cppu::OWeakObject*>(this));
    }
    void SAL_CALL removeStatusListener(const uno::Reference<frame::XStatusListener>& l, const util::URL&) override {
        sanding::plugin::remove_status_listener(l);
    }

    // XServiceInfo
    OUString SAL_CALL getImplementationName() override { return "org.sanding.Commands"; }
    sal_Bool SAL_CALL supportsService(const OUString& n) override { return cppu::supportsService(this, n); }
    uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override {
        uno::Sequence<OUString> s(1);
        s[0] = "com.sun.star.frame.ProtocolHandler";
        return s;
    }

private:
    Outcome run(const std::string& command, const uno::Sequence<beans::PropertyValue>& args) {
        if (command == "Settings") return settings(args);
        if (command == "CheckAll") return check_all();
        if (command == "ApplyFixes") return apply_fixes();
        if (command == "GoTo") return go_to(args);
        if (command == "Status") return status();
        if (command == "NewDraft") return new_draft(args);
        if (command == "Submit") return submit(args);
        if (command == "SignOff") return sign_off(args);
        if (command == "Revisions") return revisions(args);
        throw ServerError{"未知的命令：" + command};
    }

    // The open document as .odt bytes, stored to a temporary file (exactly what would be uploaded).
    std::string document_bytes() {
        uno::Reference<frame::XStorable> storable(frame_.is() && frame_->getController().is() ? frame_->getController()->getModel() : nullptr,
                                                 uno::UNO_QUERY);
        if (!storable.is()) throw ServerError{"当前窗口没有打开文档"};
        const auto path = std::filesystem::temp_directory_path() / ("sanding-" + sanding::crypto::random_hex(8) + ".odt");
        OUString url;
        osl::FileBase::getFileURLFromSystemPath(u(path.string()), url);
        uno::Sequence<beans::PropertyValue> props(1);
        props[0].Name = "FilterName";
        props[0].Value <<= OUString("writer8");
        storable->storeToURL(url, props);
        std::string bytes = sanding::read_file(path.string(), 64u << 20);
        std::filesystem::remove(path);
        return bytes;
    }

    // Revision n of the body, downloaded to a file URL of its own: the same revision opened twice
    // (or by two offices) must not share a file, or LibreOffice's lock file makes the second load
    // wait on a question.
    OUString download_revision(const std::string& body, const std::string& n) {
        const std::string bytes = Connection::instance().request("GET", "/api/v1/bodies/" + body + "/revisions/" + n).body;
        const auto path = std::filesystem::temp_directory_path() / (body + "-r" + n + "-" + sanding::crypto::random_hex(4) + ".odt");
        std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        OUString url;
        osl::FileBase::getFileURLFromSystemPath(u(path.string()), url);
        return url;
    }

    std::string my_body(const uno::Sequence<beans::PropertyValue>& args) {
        std::string body = arg(args, "Body");
        if (body.empty()) {
            auto me = Connection::instance().json("GET", "/api/v1/me");
            if (!me->isNull("body")) body = me->getValue<std::string>("body");
        }
        if (body.empty()) throw ServerError{"当前用户不属于任何机构，请指定机构"};
        return body;
    }

    Outcome settings(const uno::Sequence<beans::PropertyValue>& args) {
        const std::string server = arg(args, "Server"), user = arg(args, "User"), password = arg(args, "Password");
        if (!server.empty()) Connection::instance().configure(server, user, password);
        Outcome o;
        // 测试连接: the server answers, and the user can log in.
        auto health = Connection::instance().json("GET", "/healthz");
        auto me = Connection::instance().json("GET", "/api/v1/me");
        o.message = "已连接服务器 " + Connection::instance().server() + "（" + health->getValue<std::string>("database") + "），用户 " +
                    me->getValue<std::string>("display_name");
        o.data->set("server", Connection::instance().server());
        o.data->set("user", me);
        sanding::plugin::refresh_rules_in_background();
        return o;
    }

    uno::Reference<frame::XModel> model() const {
        return frame_.is() && frame_->getController().is() ? frame_->getController()->getModel() : nullptr;
    }

    // The open document checked whole (as the server would check it), with its paragraphs.
    std::vector<sanding::Finding> findings(std::vector<sanding::plugin::DocumentParagraph>& paragraphs) {
        const std::shared_ptr<const sanding::Checker> checker = sanding::plugin::current_checker();
        if (!checker) throw ServerError{"规则未能载入，无法检查"};
        const sanding::Document doc = sanding::read_odt(document_bytes());
        paragraphs = sanding::plugin::document_paragraphs(model());
        std::vector<sanding::Finding> out = checker->check(doc).findings;
        // A finding is placed only where the window's paragraph says what the checked one said.
        for (auto& f : out)
            if (f.paragraph >= static_cast<int>(paragraphs.size()) || paragraphs[f.paragraph].text != doc.paragraphs[f.paragraph].text)
                f.safe_fix = false, f.paragraph = -f.paragraph - 1;
        return out;
    }

    Outcome apply_fixes() {
        std::vector<sanding::plugin::DocumentParagraph> paragraphs;
        const auto fs = findings(paragraphs);
        Outcome o;
        const int applied = sanding::plugin::apply_safe_fixes(model(), paragraphs, fs);
        o.message = "已按修订模式应用 " + std::to_string(applied) + " 处安全修正，可逐条接受或拒绝";
        o.data->set("applied", applied);
        return o;
    }

    Outcome go_to(const uno::Sequence<beans::PropertyValue>& args) {
        std::vector<sanding::plugin::DocumentParagraph> paragraphs = sanding::plugin::document_paragraphs(model());
        sanding::Finding f;
        f.paragraph = std::stoi("0" + arg(args, "Paragraph"));
        f.offset_utf16 = static_cast<std::size_t>(std::stoul("0" + arg(args, "Offset")));
        f.length_utf16 = static_cast<std::size_t>(std::stoul("0" + arg(args, "Length")));
        Outcome o;
        o.ok = sanding::plugin::select_finding(model(), paragraphs, f);
        o.message = o.ok ? "已转到" : "找不到该位置";
        return o;
    }

    Outcome check_all() {
        std::vector<sanding::plugin::DocumentParagraph> paragraphs;
        const std::vector<sanding::Finding> found = findings(paragraphs);
        struct { std::vector<sanding::Finding> findings; } r{found};
        Outcome o;
        const sanding::Summary s = sanding::summarize(r.findings);
        o.message = "检查全文：错误 " + std::to_string(s.errors) + "，警告 " + std::to_string(s.warnings) + "，提示 " + std::to_string(s.infos);
        Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
        for (const auto& f : r.findings) {
            Poco::JSON::Object::Ptr x = new Poco::JSON::Object;
            x->set("rule", f.rule);
            x->set("severity", std::string(sanding::to_string(f.severity)));
            x->set("category", std::string(sanding::to_string(f.category)));
            x->set("message", f.message);
            x->set("paragraph", f.paragraph < 0 ? -f.paragraph - 1 : f.paragraph);
            x->set("offset_utf16", static_cast<Poco::UInt64>(f.offset_utf16));
            x->set("length_utf16", static_cast<Poco::UInt64>(f.length_utf16));
            x->set("article", f.article);
            list->add(x);
            if (o.message.size() < 2000) o.message += "\n" + (f.article.empty() ? std::string() : f.article + " ") + f.message + " [" + f.rule + "]";
        }
        o.data->set("findings", list);
        if (auto parent = visible_peer(); parent.is()) {
            const auto choice = sanding::plugin::show_findings(ctx_, parent, found);
            if (choice.action == sanding::plugin::FindingsChoice::GoTo)
                sanding::plugin::select_finding(model(), paragraphs, found[static_cast<std::size_t>(choice.selected)]);
            else if (choice.action == sanding::plugin::FindingsChoice::ApplySafeFixes)
                o.data->set("applied", sanding::plugin::apply_safe_fixes(model(), paragraphs, found));
            o.message.clear();  // the dialog was the answer
        }
        return o;
    }

    // 联网状态: asks the server for newer rules now; the answer (or none) is the status.
    Outcome status() {
        Outcome o;
        try {
            sanding::plugin::refresh_rules();
        } catch (const ServerError&) {
            o.ok = false;
        }
        o.message = sanding::plugin::status_text();
        o.data->set("online", sanding::plugin::link_status().link == sanding::plugin::Link::Online);
        o.data->set("rules_etag", sanding::plugin::rules_etag());
        return o;
    }

    // The bodies whose draft this user may open: the server's list, filtered to the user's own
    // body for drafters and heads (reviewers and the office see every body the server shows them).
    std::vector<std::pair<std::string, std::string>> draft_choices() {
        auto& c = Connection::instance();
        auto me = c.json("GET", "/api/v1/me");
        const std::string own = me->isNull("body") ? std::string() : me->getValue<std::string>("body");
        Poco::JSON::Array::Ptr list;
        try {
            list = Poco::JSON::Parser().parse(c.request("GET", "/api/v1/bodies").body).extract<Poco::JSON::Array::Ptr>();
        } catch (const Poco::Exception&) {
            throw ServerError{"服务器 " + c.server() + " 的机构列表不是预期的 JSON"};
        }
        std::vector<std::pair<std::string, std::string>> out;
        for (std::size_t i = 0; list && i < list->size(); ++i) {
            auto b = list->getObject(static_cast<unsigned>(i));
            const std::string id = b->getValue<std::string>("id");
            if (own.empty() || id == own) out.emplace_back(id, b->getValue<std::string>("name"));
        }
        return out;
    }

    // The body 新建草案 opens: the one given, else chosen from draft_choices() — in a list over a
    // visible window, or the only one there is.
    std::optional<std::string> chosen_body(const uno::Sequence<beans::PropertyValue>& args) {
        if (std::string body = arg(args, "Body"); !body.empty()) return body;
        const auto choices = draft_choices();
        if (choices.empty()) throw ServerError{"服务器 " + Connection::instance().server() + " 上没有您可以打开草案的机构"};
        if (auto parent = visible_peer(); parent.is()) {
            std::vector<std::string> labels;
            for (const auto& [id, name] : choices) labels.push_back(name + "（" + id + "）");
            const auto i = sanding::plugin::on_main_thread<std::optional<std::size_t>>(ctx_, [&] {
                return sanding::plugin::choose(ctx_, parent, sanding::plugin::tr(ctx_, "新建草案：选择机构", "New draft: choose the body"), labels, 0);
            });
            if (!i) return std::nullopt;
            return choices[*i].first;
        }
        if (choices.size() == 1) return choices.front().first;
        std::string names;
        for (std::size_t i = 0; i < choices.size(); ++i) names += (i ? "、" : "") + choices[i].second + "（" + choices[i].first + "）";
        throw ServerError{"请指定机构（共 " + std::to_string(choices.size()) + " 个可选：" + names + "）"};
    }

    Outcome new_draft(const uno::Sequence<beans::PropertyValue>& args) {
        auto& c = Connection::instance();
        const std::optional<std::string> chosen = chosen_body(args);
        if (!chosen) {
            Outcome cancelled;
            cancelled.ok = false;  // nothing opened; nothing to say
            cancelled.data->set("cancelled", true);
            return cancelled;
        }
        const std::string body = *chosen;
        auto b = c.json("GET", "/api/v1/bodies/" + body);
        long long n = b->getValue<long long>("current_revision");
        if (n == 0) n = c.json("POST", "/api/v1/bodies/" + body + "/drafts")->getValue<long long>("number");
        frame::Desktop::create(ctx_)->loadComponentFromURL(download_revision(body, std::to_string(n)), "_blank", 0, {});
        Outcome o;
        o.message = "已打开 " + b->getValue<std::string>("name") + " 的修订 " + std::to_string(n);
        o.data->set("body", body);
        o.data->set("name", b->getValue<std::string>("name"));
        o.data->set("revision", n);
        return o;
    }

    Outcome submit(const uno::Sequence<beans::PropertyValue>& args) {
        auto& c = Connection::instance();
        const std::string body = my_body(args);
        const std::string bytes = document_bytes();
        const std::string comment = arg(args, "Comment");
        std::string query;
        Poco::URI::encode(comment, "&=+?#/ ", query);
        auto a = c.request("POST", "/api/v1/bodies/" + body + "/revisions?comment=" + query, bytes, "application/vnd.oasis.opendocument.text");
        auto r = Poco::JSON::Parser().parse(a.body).extract<Poco::JSON::Object::Ptr>();
        auto f = r->getObject("findings");
        Outcome o;
        o.message = "已提交修订 " + std::to_string(r->getValue<long long>("number")) + "：错误 " + std::to_string(f->getValue<long long>("errors")) +
                    "，警告 " + std::to_string(f->getValue<long long>("warnings"));
        o.data->set("body", body);
        o.data->set("revision", r);
        return o;
    }

    Outcome sign_off(const uno::Sequence<beans::PropertyValue>& args) {
        auto& c = Connection::instance();
        const std::string body = my_body(args);
        auto b = c.json("GET", "/api/v1/bodies/" + body);
        if (b->getValue<std::string>("state") != "approved")
            throw ServerError{"只能签发审核通过的修订；当前状态：" + b->getValue<std::string>("state_label")};
        const long long n = b->getValue<long long>("current_revision");
        // What is signed is what the head sees: the open document must say what revision n says.
        const sanding::Document open = sanding::read_odt(document_bytes());
        const sanding::Document approved = sanding::read_odt(c.request("GET", "/api/v1/bodies/" + body + "/revisions/" + std::to_string(n)).body);
        if (!sanding::same_text(open, approved))
            throw ServerError{"打开的文档与审核通过的修订 " + std::to_string(n) + " 不一致，未签发；请打开修订 " + std::to_string(n) + " 再签发"};
        const std::string password = arg(args, "Password");
        if (password.empty()) throw ServerError{"签发须再次输入密码"};
        Poco::JSON::Object req;
        req.set("revision", n);
        req.set("password", password);
        auto r = c.json("POST", "/api/v1/bodies/" + body + "/signoff", stringify(req));
        Outcome o;
        o.message = "已签发修订 " + std::to_string(n) + "（SHA-256 " + r->getValue<std::string>("sha256").substr(0, 12) + "…）";
        o.data->set("signoff", r);
        return o;
    }

    // 修订记录: the list; with Open=N the revision opens in a new window, with Compare=N Writer's
    // own document comparison marks how the open document differs from revision N.
    Outcome revisions(const uno::Sequence<beans::PropertyValue>& args) {
        auto& c = Connection::instance();
        const std::string body = my_body(args);
        auto b = c.json("GET", "/api/v1/bodies/" + body);
        Outcome o;
        o.message = b->getValue<std::string>("name") + "（" + b->getValue<std::string>("state_label") + "）的修订：";
        auto revs = b->getArray("revisions");
        for (std::size_t i = 0; revs && i < revs->size(); ++i) {
            auto r = revs->getObject(static_cast<unsigned>(i));
            o.message += "\n修订 " + std::to_string(r->getValue<long long>("number")) + "  " + r->getValue<std::string>("created_at") + "  " +
                         r->getValue<std::string>("author") + "  " + r->getValue<std::string>("comment");
        }
        o.data->set("body", b);
        const std::string open = arg(args, "Open"), compare = arg(args, "Compare");
        const std::string n = open.empty() ? compare : open;
        if (n.empty()) return o;
        if (n.find_first_not_of("0123456789") != std::string::npos) throw ServerError{"修订号应为数字：" + n};
        const OUString url = download_revision(body, n);
        if (!open.empty()) {
            frame::Desktop::create(ctx_)->loadComponentFromURL(url, "_blank", 0, {});
            o.message = "已打开修订 " + n;
        } else {
            uno::Reference<frame::XDispatchHelper> helper = frame::DispatchHelper::create(ctx_);
            uno::Sequence<beans::PropertyValue> props(2);
            props[0].Name = "URL";
            props[0].Value <<= url;
            props[1].Name = "NoAcceptDialog";
            props[1].Value <<= true;
            helper->executeDispatch(uno::Reference<frame::XDispatchProvider>(frame_, uno::UNO_QUERY), ".uno:CompareDocuments", "", 0, props);
            o.message = "已将当前文档与修订 " + n + " 比较，差异以修订标记显示";
        }
        o.data->set("revision", std::stoll(n));
        return o;
    }

    // soffice --headless has no one to answer a dialog: it would wait for ever.
    static bool headless() {
        static const bool value = [] {
            for (sal_uInt32 i = 0; i < rtl_getAppCommandArgCount(); ++i) {
                rtl_uString* raw = nullptr;
                rtl_getAppCommandArg(i, &raw);
                const OUString a(raw, SAL_NO_ACQUIRE);
                if (a == "--headless" || a == "-headless") return true;
            }
            return false;
        }();
        return value;
    }

    uno::Reference<awt::XWindowPeer> visible_peer() const {
        if (!frame_.is() || headless()) return {};
        uno::Reference<awt::XWindow> window = frame_->getContainerWindow();
        uno::Reference<awt::XWindow2> w2(window, uno::UNO_QUERY);
        if (!w2.is() || !w2->isVisible()) return {};
        return uno::Reference<awt::XWindowPeer>(window, uno::UNO_QUERY);
    }

    static void put(uno::Sequence<beans::PropertyValue>& args, const char* name, const std::string& value) {
        const sal_Int32 n = args.getLength();
        args.realloc(n + 1);
        args[n].Name = OUString::createFromAscii(name);
        args[n].Value <<= u(value);
    }

    // False when the person cancelled.
    bool ask_missing(const std::string& command, uno::Sequence<beans::PropertyValue>& args) {
        auto parent = visible_peer();
        if (!parent.is()) return true;
        using sanding::plugin::tr;
        auto& c = Connection::instance();
        if (command == "Settings" && arg(args, "Server").empty()) {
            auto v = sanding::plugin::ask(ctx_, parent, tr(ctx_, "三定 ▸ 设置", "Sanding ▸ Settings"),
                                          {{tr(ctx_, "服务器地址", "Server URL"), c.server().empty() ? "http://127.0.0.1:8080" : c.server()},
                                           {tr(ctx_, "登录名", "User name"), c.user()},
                                           {tr(ctx_, "密码（仅本次会话使用，不保存）", "Password (this session only, never stored)"), "", true}},
                                          tr(ctx_, "保存并测试连接", "Save and test connection"));
            if (!v) return false;
            put(args, "Server", (*v)[0]), put(args, "User", (*v)[1]), put(args, "Password", (*v)[2]);
        } else if ((command == "NewDraft" || command == "Submit" || command == "Revisions") && c.configured() && c.password().empty()) {
            // A server remembered from an earlier session: the password is asked once per session.
            auto v = sanding::plugin::ask(ctx_, parent, tr(ctx_, "登录 ", "Log in to ") + c.server(),
                                          {{tr(ctx_, "用户 ", "Password of ") + c.user() + tr(ctx_, " 的密码", ""), "", true}});
            if (!v) return false;
            c.set_password((*v)[0]);
            return ask_missing(command, args);
        }
        if (command == "Submit" && arg(args, "Comment").empty()) {
            auto v = sanding::plugin::ask(ctx_, parent, tr(ctx_, "提交修订", "Submit revision"), {{tr(ctx_, "修订说明", "Comment"), ""}});
            if (!v) return false;
            put(args, "Comment", (*v)[0]);
        } else if (command == "Revisions" && arg(args, "Open").empty() && arg(args, "Compare").empty()) {
            auto v = sanding::plugin::ask(ctx_, parent, tr(ctx_, "修订记录（都不填则只列出）", "Revisions (leave both empty to list)"),
                                          {{tr(ctx_, "打开修订号", "Open revision number"), ""},
                                           {tr(ctx_, "与当前文档比较的修订号", "Compare the open document with revision"), ""}});
            if (!v) return false;
            if (!(*v)[0].empty()) put(args, "Open", (*v)[0]);
            else if (!(*v)[1].empty()) put(args, "Compare", (*v)[1]);
        } else if (command == "SignOff" && arg(args, "Password").empty()) {
            auto v = sanding::plugin::ask(ctx_, parent, tr(ctx_, "签发：请再次输入密码", "Sign off: enter your password again"),
                                          {{tr(ctx_, "密码", "Password"), "", true}});
            if (!v) return false;
            put(args, "Password", (*v)[0]);
        }
        return true;
    }

    // A message box over the window, when there is a visible one (never in headless tests).
    // Shown from the main loop (the command's thread goes on and reports its outcome at once).
    void show(const Outcome& o) {
        if (o.message.empty()) return;
        try {
            uno::Reference<awt::XWindowPeer> peer = visible_peer();
            if (!peer.is()) return;
            const bool ok = o.ok;
            const std::string message = o.message;
            auto ctx = ctx_;
            sanding::plugin::post_to_main_thread(ctx_, [ctx, peer, ok, message] {
                try {
                    uno::Reference<awt::XMessageBoxFactory> f(awt::Toolkit::create(ctx), uno::UNO_QUERY);
                    auto box = f->createMessageBox(peer, ok ? awt::MessageBoxType_INFOBOX : awt::MessageBoxType_ERRORBOX,
                                                   awt::MessageBoxButtons::BUTTONS_OK, "三定", u(message));
                    box->execute();
                } catch (const uno::Exception&) {
                }
            });
        } catch (const uno::Exception&) {
        }
    }

    uno::Reference<uno::XComponentContext> ctx_;
    uno::Reference<frame::XFrame> frame_;
};

}  // namespace

extern "C" SAL_DLLPUBLIC_EXPORT uno::XInterface* org_sanding_Commands_get_implementation(uno::XComponentContext* ctx,
                                                                                        uno::Sequence<uno::Any> const&) {
    return cppu::acquire(static_cast<cppu::OWeakObject*>(new Commands(ctx)));
}
