// The extension's dialogs, built from UNO control models (no .xdl files to keep in step):
// a findings list, and small forms (设置, 提交修订 的说明, 签发 的密码). Labels in Chinese, or in
// English when LibreOffice's UI language is English. Shown only over visible windows.
#pragma once

#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sanding/check/finding.hpp"

namespace sanding::plugin {

// Chinese unless the office's UI language is English.
std::string tr(const css::uno::Reference<css::uno::XComponentContext>& ctx, const std::string& zh,
               const std::string& en);

struct Field {
    std::string label, value;
    bool secret = false;  // shown as ●●●
};

// A modal form; the values entered, or nothing when cancelled.
std::optional<std::vector<std::string>> ask(
    const css::uno::Reference<css::uno::XComponentContext>& ctx,
    const css::uno::Reference<css::awt::XWindowPeer>& parent, const std::string& title,
    std::vector<Field> fields, const std::string& ok_label = {});

// One of several items (新建草案's bodies); its index, or nothing when cancelled.
std::optional<std::size_t> choose(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                                  const css::uno::Reference<css::awt::XWindowPeer>& parent,
                                  const std::string& title, const std::vector<std::string>& items,
                                  std::size_t preselected);

// A question with 是/否; true for 是. On the UI thread.
bool confirm(const css::uno::Reference<css::uno::XComponentContext>& ctx,
             const css::uno::Reference<css::awt::XWindowPeer>& parent, const std::string& question);

// A message box titled 三定 (information or error). On the UI thread.
void tell(const css::uno::Reference<css::uno::XComponentContext>& ctx,
          const css::uno::Reference<css::awt::XWindowPeer>& parent, bool ok,
          const std::string& message);

// The findings of 检查全文, grouped by article; 转到 calls go_to(index into findings) and leaves
// the list open; true when the person chose 应用安全修正 (which closes it).
bool show_findings(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                   const css::uno::Reference<css::awt::XWindowPeer>& parent,
                   const std::vector<Finding>& findings, const std::function<void(int)>& go_to);

}  // namespace sanding::plugin
