#include <rtl/process.h>
#include <com/sun/star/awt/XWindow2.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <osl/file.hxx>

#include <filesystem>

#include "client.hpp"
#include "command.hpp"
#include "sanding/crypto.hpp"
#include "sanding/error.hpp"
#include "sanding/file.hpp"
#include "strings.hpp"

namespace sanding::plugin {

using namespace css;
using rtl::OUString;

std::string Invocation::arg(const char* name) const {
    for (const auto& a : args)
        if (a.Name.equalsAscii(name)) {
            OUString v;
            a.Value >>= v;
            return utf8(v);
        }
    return {};
}

void Invocation::put(const char* name, const std::string& value) {
    const sal_Int32 n = args.getLength();
    args.realloc(n + 1);
    args[n].Name = OUString::createFromAscii(name);
    args[n].Value <<= u(value);
}

uno::Reference<frame::XModel> Invocation::model() const {
    return frame.is() && frame->getController().is() ? frame->getController()->getModel() : nullptr;
}

bool headless() {
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

uno::Reference<awt::XWindowPeer> Invocation::visible_peer() const {
    if (!frame.is() || headless()) return {};
    uno::Reference<awt::XWindow> window = frame->getContainerWindow();
    uno::Reference<awt::XWindow2> w2(window, uno::UNO_QUERY);
    if (!w2.is() || !w2->isVisible()) return {};
    return uno::Reference<awt::XWindowPeer>(window, uno::UNO_QUERY);
}

std::string Invocation::document_bytes() const {
    uno::Reference<frame::XStorable> storable(model(), uno::UNO_QUERY);
    if (!storable.is()) throw ServerError{"当前窗口没有打开文档"};
    const auto path = std::filesystem::temp_directory_path() /
                      ("sanding-" + sanding::crypto::random_hex(8) + ".odt");
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

}  // namespace sanding::plugin
