// 工具 ▸ 选项 ▸ 三定: the options page (oxt/dialogs/options.xdl) and its event handler. The page
// shows the server address, the user name and the rule categories, each with a box to switch it
// off; 确定 stores them (the server address checked as 设置 checks it); 重置 shows them again.
#include <com/sun/star/awt/XCheckBox.hpp>
#include <com/sun/star/awt/XContainerWindowEventHandler.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XTextComponent.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase2.hxx>
#include <cppuhelper/supportsservice.hxx>

#include <algorithm>

#include "client.hpp"
#include "strings.hpp"
#include "worker.hpp"

namespace {

using namespace css;
using rtl::OUString;
using namespace sanding::plugin;

// The categories a person may switch off, as rule files name them; the check box of each is
// named cat_<category> in options.xdl.
const char* const kCategories[] = {"wording",   "punctuation", "numbering",
                                   "structure", "staffing",    "names"};

class OptionsHandler
    : public cppu::WeakImplHelper2<awt::XContainerWindowEventHandler, lang::XServiceInfo> {
public:
    sal_Bool SAL_CALL callHandlerMethod(const uno::Reference<awt::XWindow>& window,
                                        const uno::Any& event, const OUString& method) override {
        if (method != "external_event") return false;
        OUString what;
        event >>= what;
        try {
            uno::Reference<awt::XControlContainer> controls(window, uno::UNO_QUERY);
            if (!controls.is()) return false;
            if (what == "ok")
                store(controls);
            else if (what == "initialize" || what == "back")
                show(controls);
            else
                return false;
            return true;
        } catch (const ServerError& e) {
            log_error("options page", e.message);  // a bad address: the settings stay as they were
        } catch (const uno::Exception& e) {
            log_error("options page", utf8(e.Message));
        } catch (const std::exception& e) {
            log_error("options page", e.what());
        }
        return false;
    }
    uno::Sequence<OUString> SAL_CALL getSupportedMethodNames() override {
        return one_name("external_event");
    }

    OUString SAL_CALL getImplementationName() override { return "org.sanding.OptionsHandler"; }
    sal_Bool SAL_CALL supportsService(const OUString& n) override {
        return cppu::supportsService(this, n);
    }
    uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override {
        return one_name("org.sanding.OptionsHandler");
    }

private:
    static uno::Reference<awt::XTextComponent> text(const uno::Reference<awt::XControlContainer>& c,
                                                    const char* name) {
        return uno::Reference<awt::XTextComponent>(c->getControl(OUString::createFromAscii(name)),
                                                   uno::UNO_QUERY);
    }
    static uno::Reference<awt::XCheckBox> box(const uno::Reference<awt::XControlContainer>& c,
                                              const std::string& category) {
        return uno::Reference<awt::XCheckBox>(c->getControl(u("cat_" + category)), uno::UNO_QUERY);
    }

    static void show(const uno::Reference<awt::XControlContainer>& c) {
        auto& conn = Connection::instance();
        if (auto t = text(c, "Server"); t.is()) t->setText(u(conn.server()));
        if (auto t = text(c, "User"); t.is()) t->setText(u(conn.user()));
        for (const char* category : kCategories)
            if (auto b = box(c, category); b.is())
                b->setState(conn.category_disabled(category) ? 1 : 0);
    }

    static void store(const uno::Reference<awt::XControlContainer>& c) {
        auto& conn = Connection::instance();
        std::vector<std::string> off;
        for (const char* category : kCategories)
            if (auto b = box(c, category); b.is() && b->getState() == 1) off.emplace_back(category);
        conn.set_disabled_categories(off);
        const std::string server =
            text(c, "Server").is() ? utf8(text(c, "Server")->getText()) : conn.server();
        const std::string user =
            text(c, "User").is() ? utf8(text(c, "User")->getText()) : conn.user();
        if (server.empty()) return;
        // Another server or user is a new login: the password is asked again.
        if (server_url(server) != conn.server() || user != conn.user())
            conn.configure(server, user, {});
    }
};

}  // namespace

extern "C" SAL_DLLPUBLIC_EXPORT uno::XInterface* org_sanding_OptionsHandler_get_implementation(
    uno::XComponentContext*, uno::Sequence<uno::Any> const&) {
    return cppu::acquire(static_cast<cppu::OWeakObject*>(new OptionsHandler));
}
