#include "profile.hpp"

#include <osl/file.hxx>
#include <rtl/bootstrap.hxx>

namespace sanding::plugin {

std::string profile_user_dir() {
    rtl::OUString url("${$BRAND_BASE_DIR/program/bootstraprc:UserInstallation}");
    rtl::Bootstrap::expandMacros(url);
    rtl::OUString path;
    if (osl::FileBase::getSystemPathFromFileURL(url, path) != osl::FileBase::E_None) return {};
    const rtl::OString p = rtl::OUStringToOString(path, RTL_TEXTENCODING_UTF8);
    return std::string(p.getStr()) + "/user";
}

}  // namespace sanding::plugin
