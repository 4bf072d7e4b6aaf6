// The extension's dialogs, built from UNO control models (no .xdl files to keep in step):
// a findings list, and small forms (设置, 提交修订 的说明, 签发 的密码). Labels in Chinese, or in
// English when LibreOffice's UI language is English. Shown only over visible windows.
#pragma once

#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

#include <optional>
#include <string>
#include <vector>

#include "sanding/check/finding.hpp"

namespace sanding::plugin {

// Chinese unless the office's UI language is English.
std::string tr(const css::uno::Reference<css::uno::XComponentContext>& ctx, const std::string& zh, const std::string& en);

struct Field {
    std::string label, value;
    bool secret = false;  // shown as ●●●
};

// A modal form; the values entered, or nothing when cancelled.
std::optional<std::vector<std::string>> ask(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                                            const css::uno::Reference<css::awt::XWindowPeer>& parent, const std::string& title,
                                            std::vector<Field> fields, const std::string& ok_label = {});

// One of several items (新建草案's bodies); its index, or nothing when cancelled.
std::optional<std::size_t> choose(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                                  const css::uno::Reference<css::awt::XWindowPeer>& parent, const std::string& title,
                                  const std::vector<std::string>& items, std::size_t preselected);

// The findings of 检查全文, grouped by article with severity; the choice made.
struct FindingsChoice {
    enum Action { Close, GoTo, ApplySafeFixes } action = Close;
    int selected = -1;  // index into findings, for GoTo
};
FindingsChoice show_findings(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                             const css::uno::Reference<css::awt::XWindowPeer>& parent, const std::vector<Finding>& findings);

}  // namespace sanding::plugin
