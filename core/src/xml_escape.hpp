// Internal to core: text and attribute values written into XML (ODT and ODS writers).
#pragma once

#include <string>
#include <string_view>

namespace sanding {

inline void escape_into(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
}

inline std::string esc(std::string_view s) {
    std::string out;
    escape_into(out, s);
    return out;
}

}  // namespace sanding
