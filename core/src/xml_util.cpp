#include "xml_util.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "sanding/error.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {
// Line numbers by binary search over the newlines of the last file asked about: a rule file asks
// for hundreds of locations, and counting newlines from the start each time is quadratic.
std::size_t line_of(std::string_view xml, std::ptrdiff_t offset) {
    if (offset < 0) return 0;
    thread_local const char* cached_data = nullptr;
    thread_local std::size_t cached_size = 0;
    thread_local std::vector<std::size_t> newlines;
    if (cached_data != xml.data() || cached_size != xml.size()) {
        newlines.clear();
        for (const char* at = xml.data();
             (at = static_cast<const char*>(std::memchr(at, '\n', xml.data() + xml.size() - at)));
             ++at)
            newlines.push_back(static_cast<std::size_t>(at - xml.data()));
        cached_data = xml.data(), cached_size = xml.size();
    }
    const auto at = static_cast<std::size_t>(offset);
    return static_cast<std::size_t>(std::lower_bound(newlines.begin(), newlines.end(), at) -
                                    newlines.begin()) +
           1;
}
}  // namespace

void parse_data_xml(pugi::xml_document& doc, std::string_view xml, const std::string& where,
                    const std::string& code_prefix, unsigned extra_flags) {
    std::size_t bad = 0;
    if (!is_valid_utf8(xml, &bad))
        throw Error(code_prefix + ".invalid_utf8", "含有无效的 UTF-8 字节",
                    where + ":" + std::to_string(line_of(xml, static_cast<std::ptrdiff_t>(bad))));
    auto res = doc.load_buffer(xml.data(), xml.size(),
                               pugi::parse_default | pugi::parse_doctype | extra_flags,
                               pugi::encoding_utf8);
    if (!res)
        throw Error(code_prefix + ".bad_xml", std::string("XML 格式错误：") + res.description(),
                    where + ":" + std::to_string(line_of(xml, res.offset)));
    for (auto n : doc.children())
        if (n.type() == pugi::node_doctype)
            throw Error(code_prefix + ".doctype", "不允许 DOCTYPE 声明", location(xml, where, n));
}

std::string location(std::string_view xml, const std::string& where, pugi::xml_node node) {
    return where + ":" + std::to_string(line_of(xml, node.offset_debug()));
}

std::string element_text(pugi::xml_node node) {
    return std::string(trim(node.text().get()));
}

}  // namespace sanding
