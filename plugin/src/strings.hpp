// UTF-8 ⇄ OUString (UTF-16), for the UNO glue: core speaks UTF-8, LibreOffice UTF-16.
#pragma once

#include <rtl/ustring.hxx>

#include <string>

namespace sanding::plugin {

inline rtl::OUString u(const std::string& s) { return rtl::OUString(s.data(), static_cast<sal_Int32>(s.size()), RTL_TEXTENCODING_UTF8); }

inline std::string utf8(const rtl::OUString& s) {
    const rtl::OString o = rtl::OUStringToOString(s, RTL_TEXTENCODING_UTF8);
    return std::string(o.getStr(), static_cast<std::size_t>(o.getLength()));
}

}  // namespace sanding::plugin
