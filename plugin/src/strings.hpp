// UTF-8 ⇄ OUString (UTF-16), for the UNO glue: core speaks UTF-8, LibreOffice UTF-16.
#pragma once

#include <com/sun/star/uno/Sequence.hxx>
#include <rtl/ustring.hxx>

#include <string>

namespace sanding::plugin {

inline rtl::OUString u(const std::string& s) {
    return rtl::OUString(s.data(), static_cast<sal_Int32>(s.size()), RTL_TEXTENCODING_UTF8);
}

inline std::string utf8(const rtl::OUString& s) {
    const rtl::OString o = rtl::OUStringToOString(s, RTL_TEXTENCODING_UTF8);
    return std::string(o.getStr(), static_cast<std::size_t>(o.getLength()));
}

// A sequence of one name, as the UNO service-info and method-name lists mostly are.
inline com::sun::star::uno::Sequence<rtl::OUString> one_name(const char* name) {
    const rtl::OUString one = rtl::OUString::createFromAscii(name);
    return com::sun::star::uno::Sequence<rtl::OUString>(&one, 1);
}

}  // namespace sanding::plugin
