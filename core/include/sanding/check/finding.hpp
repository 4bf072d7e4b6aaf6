// What the checker reports: one problem at one place, with what to write instead.
#pragma once

#include <string>
#include <vector>

#include "sanding/check/rule.hpp"

namespace sanding {

struct Finding {
    std::string rule;  // rule id, e.g. W01
    Severity severity = Severity::Warning;
    Category category = Category::Wording;
    std::string message;
    std::vector<std::string> suggestions;
    bool safe_fix = false;
    int paragraph = 0;            // index into the document's paragraphs
    std::size_t offset_utf8 = 0;  // into the paragraph (see Report for file offsets)
    std::size_t length_utf8 = 0;
    std::size_t offset_utf16 = 0;  // the same span in UTF-16 units (LibreOffice, browsers)
    std::size_t length_utf16 = 0;
    int line = 0, column = 0;  // 1-based; column counts characters
    std::string article;       // 第三条, or empty outside articles
};

}  // namespace sanding
