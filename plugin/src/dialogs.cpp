#include "dialogs.hpp"

#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/MessageBoxResults.hpp>
#include <com/sun/star/awt/PushButtonType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XControlModel.hpp>
#include <com/sun/star/awt/XDialog.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/awt/XTextComponent.hpp>
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNameContainer.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <cppuhelper/implbase1.hxx>

#include <map>
#include "findings_text.hpp"
#include "strings.hpp"

namespace sanding::plugin {
namespace {

using namespace css;
using rtl::OUString;

using sanding::plugin::u;
using sanding::plugin::utf8;

void set(const uno::Reference<uno::XInterface>& model,
         std::initializer_list<std::pair<const char*, uno::Any>> props) {
    uno::Reference<beans::XPropertySet> ps(model, uno::UNO_QUERY);
    for (const auto& [name, value] : props)
        ps->setPropertyValue(OUString::createFromAscii(name), value);
}

struct Form {
    uno::Reference<uno::XInterface> model;
    uno::Reference<lang::XMultiServiceFactory> factory;
    uno::Reference<container::XNameContainer> controls;

    Form(const uno::Reference<uno::XComponentContext>& ctx, const std::string& title,
         sal_Int32 width, sal_Int32 height) {
        model = ctx->getServiceManager()->createInstanceWithContext(
            "com.sun.star.awt.UnoControlDialogModel", ctx);
        set(model, {{"Title", uno::Any(u(title))},
                    {"Width", uno::Any(width)},
                    {"Height", uno::Any(height)},
                    {"PositionX", uno::Any(sal_Int32(60))},
                    {"PositionY", uno::Any(sal_Int32(40))}});
        factory.set(model, uno::UNO_QUERY);
        controls.set(model, uno::UNO_QUERY);
    }
    uno::Reference<uno::XInterface> add(const char* service, const std::string& name, sal_Int32 x,
                                        sal_Int32 y, sal_Int32 w, sal_Int32 h) {
        auto m = factory->createInstance(OUString::createFromAscii(service));
        set(m, {{"PositionX", uno::Any(x)},
                {"PositionY", uno::Any(y)},
                {"Width", uno::Any(w)},
                {"Height", uno::Any(h)}});
        controls->insertByName(u(name), uno::Any(m));
        return m;
    }
    // The default button ending execute() with 1, and 取消, at the foot of a 240-wide form.
    void add_ok_cancel(const uno::Reference<uno::XComponentContext>& ctx, sal_Int32 y,
                       const std::string& ok_label) {
        set(add("com.sun.star.awt.UnoControlButtonModel", "ok", 92, y, 82, 14),
            {{"Label", uno::Any(u(ok_label))},
             {"PushButtonType", uno::Any(sal_Int16(awt::PushButtonType_OK))},
             {"DefaultButton", uno::Any(true)}});
        set(add("com.sun.star.awt.UnoControlButtonModel", "cancel", 178, y, 54, 14),
            {{"Label", uno::Any(u(tr(ctx, "取消", "Cancel")))},
             {"PushButtonType", uno::Any(sal_Int16(awt::PushButtonType_CANCEL))}});
    }
    uno::Reference<awt::XControl> create(const uno::Reference<uno::XComponentContext>& ctx,
                                         const uno::Reference<awt::XWindowPeer>& parent) {
        uno::Reference<awt::XControl> dialog(ctx->getServiceManager()->createInstanceWithContext(
                                                 "com.sun.star.awt.UnoControlDialog", ctx),
                                             uno::UNO_QUERY);
        dialog->setModel(uno::Reference<awt::XControlModel>(model, uno::UNO_QUERY));
        dialog->createPeer(uno::Reference<awt::XToolkit>(awt::Toolkit::create(ctx), uno::UNO_QUERY),
                           parent);
        return dialog;
    }
};

// Runs f when the button is pressed; the dialog stays open.
class Calls : public cppu::WeakImplHelper1<awt::XActionListener> {
public:
    explicit Calls(std::function<void()> f) : f_(std::move(f)) {}
    void SAL_CALL actionPerformed(const awt::ActionEvent&) override {
        try {
            f_();
        } catch (const std::exception&) {  // a place no longer there: the list stays
        } catch (const uno::Exception&) {
        }
    }
    void SAL_CALL disposing(const lang::EventObject&) override {}

private:
    std::function<void()> f_;
};

// Ends the dialog remembering which button was pressed.
class Pressed : public cppu::WeakImplHelper1<awt::XActionListener> {
public:
    Pressed(int& which, int id, uno::Reference<awt::XDialog> dialog)
        : which_(which), id_(id), dialog_(std::move(dialog)) {}
    void SAL_CALL actionPerformed(const awt::ActionEvent&) override {
        which_ = id_;
        dialog_->endExecute();
    }
    void SAL_CALL disposing(const lang::EventObject&) override {}

private:
    int& which_;
    int id_;
    uno::Reference<awt::XDialog> dialog_;
};

}  // namespace

std::string tr(const uno::Reference<uno::XComponentContext>& ctx, const std::string& zh,
               const std::string& en) {
    static const bool english = [&] {
        try {
            auto provider = configuration::theDefaultProvider::get(ctx);
            beans::NamedValue path("nodepath", uno::Any(OUString("/org.openoffice.Setup/L10N")));
            uno::Sequence<uno::Any> args(1);
            args[0] <<= path;
            uno::Reference<container::XNameAccess> l10n(
                provider->createInstanceWithArguments(
                    "com.sun.star.configuration.ConfigurationAccess", args),
                uno::UNO_QUERY);
            OUString locale;
            l10n->getByName("ooLocale") >>= locale;
            return locale.startsWith("en");
        } catch (const uno::Exception&) {
            return false;
        }
    }();
    return english ? en : zh;
}

std::optional<std::vector<std::string>> ask(const uno::Reference<uno::XComponentContext>& ctx,
                                            const uno::Reference<awt::XWindowPeer>& parent,
                                            const std::string& title, std::vector<Field> fields,
                                            const std::string& ok_label) {
    const sal_Int32 height = static_cast<sal_Int32>(fields.size()) * 28 + 36;
    Form form(ctx, title, 240, height);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const sal_Int32 y = 8 + static_cast<sal_Int32>(i) * 28;
        set(form.add("com.sun.star.awt.UnoControlFixedTextModel", "label" + std::to_string(i), 8, y,
                     224, 10),
            {{"Label", uno::Any(u(fields[i].label))}});
        auto edit = form.add("com.sun.star.awt.UnoControlEditModel", "field" + std::to_string(i), 8,
                             y + 11, 224, 13);
        set(edit, {{"Text", uno::Any(u(fields[i].value))}});
        if (fields[i].secret) set(edit, {{"EchoChar", uno::Any(sal_Int16(0x25CF))}});
    }
    form.add_ok_cancel(ctx, height - 22, ok_label.empty() ? tr(ctx, "确定", "OK") : ok_label);
    auto dialog = form.create(ctx, parent);
    uno::Reference<awt::XDialog> d(dialog, uno::UNO_QUERY);
    const bool ok = d->execute() == 1;
    std::vector<std::string> values;
    uno::Reference<awt::XControlContainer> container(dialog, uno::UNO_QUERY);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        uno::Reference<awt::XTextComponent> t(container->getControl(u("field" + std::to_string(i))),
                                              uno::UNO_QUERY);
        values.push_back(utf8(t->getText()));
    }
    uno::Reference<lang::XComponent>(dialog, uno::UNO_QUERY)->dispose();
    if (!ok) return std::nullopt;
    return values;
}

std::optional<std::size_t> choose(const uno::Reference<uno::XComponentContext>& ctx,
                                  const uno::Reference<awt::XWindowPeer>& parent,
                                  const std::string& title, const std::vector<std::string>& items,
                                  std::size_t preselected) {
    Form form(ctx, title, 240, 160);
    uno::Sequence<OUString> list(static_cast<sal_Int32>(items.size()));
    for (std::size_t i = 0; i < items.size(); ++i) list[static_cast<sal_Int32>(i)] = u(items[i]);
    uno::Sequence<sal_Int16> selected(1);
    selected[0] = static_cast<sal_Int16>(preselected);
    set(form.add("com.sun.star.awt.UnoControlListBoxModel", "list", 6, 6, 228, 126),
        {{"StringItemList", uno::Any(list)}, {"SelectedItems", uno::Any(selected)}});
    form.add_ok_cancel(ctx, 138, tr(ctx, "打开", "Open"));
    auto dialog = form.create(ctx, parent);
    uno::Reference<awt::XDialog> d(dialog, uno::UNO_QUERY);
    const bool ok = d->execute() == 1;
    uno::Reference<awt::XControlContainer> container(dialog, uno::UNO_QUERY);
    const sal_Int16 pos =
        uno::Reference<awt::XListBox>(container->getControl("list"), uno::UNO_QUERY)
            ->getSelectedItemPos();
    uno::Reference<lang::XComponent>(dialog, uno::UNO_QUERY)->dispose();
    if (!ok || pos < 0 || static_cast<std::size_t>(pos) >= items.size()) return std::nullopt;
    return static_cast<std::size_t>(pos);
}

bool confirm(const uno::Reference<uno::XComponentContext>& ctx,
             const uno::Reference<awt::XWindowPeer>& parent, const std::string& question) {
    uno::Reference<awt::XMessageBoxFactory> f(awt::Toolkit::create(ctx), uno::UNO_QUERY);
    auto box = f->createMessageBox(parent, awt::MessageBoxType_QUERYBOX,
                                   awt::MessageBoxButtons::BUTTONS_YES_NO,
                                   u(tr(ctx, "三定", "Sanding")), u(question));
    return box->execute() == awt::MessageBoxResults::YES;
}

void tell(const uno::Reference<uno::XComponentContext>& ctx,
          const uno::Reference<awt::XWindowPeer>& parent, bool ok, const std::string& message) {
    uno::Reference<awt::XMessageBoxFactory> f(awt::Toolkit::create(ctx), uno::UNO_QUERY);
    // The title from UTF-8: a narrow literal given to OUString directly reads as Latin-1
    // (mojibake).
    auto box = f->createMessageBox(
        parent, ok ? awt::MessageBoxType_INFOBOX : awt::MessageBoxType_ERRORBOX,
        awt::MessageBoxButtons::BUTTONS_OK, u(tr(ctx, "三定", "Sanding")), u(message));
    box->execute();
}

bool show_findings(const uno::Reference<uno::XComponentContext>& ctx,
                   const uno::Reference<awt::XWindowPeer>& parent,
                   const std::vector<Finding>& findings, const std::function<void(int)>& go_to) {
    const std::vector<FindingLine> lines = grouped_lines(findings);
    Form form(ctx,
              tr(ctx, "检查全文", "Check whole draft") + " — " + std::to_string(findings.size()),
              360, 220);
    uno::Sequence<OUString> items(static_cast<sal_Int32>(lines.size()));
    for (std::size_t i = 0; i < lines.size(); ++i)
        items[static_cast<sal_Int32>(i)] = u(lines[i].text);
    set(form.add("com.sun.star.awt.UnoControlListBoxModel", "list", 6, 6, 348, 186),
        {{"StringItemList", uno::Any(items)}});
    form.add("com.sun.star.awt.UnoControlButtonModel", "goto", 126, 198, 70, 14);
    form.add("com.sun.star.awt.UnoControlButtonModel", "fix", 200, 198, 94, 14);
    set(form.add("com.sun.star.awt.UnoControlButtonModel", "close", 298, 198, 56, 14),
        {{"Label", uno::Any(u(tr(ctx, "关闭", "Close")))},
         {"PushButtonType", uno::Any(sal_Int16(awt::PushButtonType_CANCEL))}});
    uno::Reference<beans::XPropertySet>(form.controls->getByName("goto"), uno::UNO_QUERY)
        ->setPropertyValue("Label", uno::Any(u(tr(ctx, "转到", "Go to"))));
    uno::Reference<beans::XPropertySet>(form.controls->getByName("fix"), uno::UNO_QUERY)
        ->setPropertyValue("Label", uno::Any(u(tr(ctx, "应用安全修正", "Apply safe fixes"))));
    auto dialog = form.create(ctx, parent);
    uno::Reference<awt::XDialog> d(dialog, uno::UNO_QUERY);
    uno::Reference<awt::XControlContainer> container(dialog, uno::UNO_QUERY);
    uno::Reference<awt::XListBox> list(container->getControl("list"), uno::UNO_QUERY);
    int which = 0;
    uno::Reference<awt::XButton>(container->getControl("goto"), uno::UNO_QUERY)
        ->addActionListener(new Calls([&] {
            const sal_Int16 pos = list->getSelectedItemPos();
            if (pos >= 0 && pos < static_cast<sal_Int16>(lines.size()) &&
                lines[static_cast<std::size_t>(pos)].finding >= 0)
                go_to(lines[static_cast<std::size_t>(pos)].finding);
        }));
    uno::Reference<awt::XButton>(container->getControl("fix"), uno::UNO_QUERY)
        ->addActionListener(new Pressed(which, 2, d));
    d->execute();
    uno::Reference<lang::XComponent>(dialog, uno::UNO_QUERY)->dispose();
    return which == 2;
}

}  // namespace sanding::plugin
