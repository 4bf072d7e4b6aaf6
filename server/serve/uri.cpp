#include "uri.hpp"

#include <cstdio>

#include "http.hpp"
#include "sanding/text.hpp"

namespace sanding::server {

namespace {

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

[[noreturn]] void bad_uri(std::string_view target, const char* why) {
    throw ApiError{400, "request.bad_uri",
                   std::string("请求地址无效（") + why + "）：" + printable(target)};
}

std::string decode(std::string_view s, std::string_view target, bool plus_is_space, bool utf8) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+' && plus_is_space) {
            out += ' ';
        } else if (s[i] != '%') {
            out += s[i];
        } else {
            const bool two = i + 2 < s.size();
            const int hi = two ? hex(s[i + 1]) : -1, lo = two ? hex(s[i + 2]) : -1;
            if (hi < 0 || lo < 0) bad_uri(target, "“%”后应为两位十六进制数字");
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        }
    }
    if (utf8 && !is_valid_utf8(out)) bad_uri(target, "不是有效的 UTF-8");
    return out;
}

}  // namespace

std::string request_path(std::string_view target) {
    return decode(target.substr(0, target.find('?')), target, false, true);
}

std::vector<std::pair<std::string, std::string>> request_query(std::string_view target) {
    std::vector<std::pair<std::string, std::string>> out;
    const auto q = target.find('?');
    if (q == std::string_view::npos) return out;
    std::string_view rest = target.substr(q + 1);
    rest = rest.substr(0, rest.find('#'));
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        if (!pair.empty()) {
            const auto eq = pair.find('=');
            out.emplace_back(decode(pair.substr(0, eq), target, true, false),
                             eq == std::string_view::npos
                                 ? std::string()
                                 : decode(pair.substr(eq + 1), target, true, false));
        }
        if (amp == std::string_view::npos) break;
        rest.remove_prefix(amp + 1);
    }
    return out;
}

std::string printable(std::string_view text) {
    std::string out;
    std::size_t bad = 0;
    while (!is_valid_utf8(text, &bad)) {
        out.append(text.substr(0, bad));
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(text[bad]));
        out += buf;
        text.remove_prefix(bad + 1);
    }
    out.append(text);
    return out;
}

}  // namespace sanding::server
