// How a finding reads to the drafter, in the 检查全文 list and in messages: grouped under its
// article, with its severity in Chinese and its suggestion as 改为“…”.
#pragma once

#include <string>
#include <vector>

#include "sanding/check/finding.hpp"

namespace sanding::plugin {

struct FindingLine {
    std::string text;
    int finding = -1;  // index into the findings; -1 for an article's heading line
};

// One heading line per article (in the order articles first appear), then its findings indented;
// a single line "未发现问题" when there are none.
std::vector<FindingLine> grouped_lines(const std::vector<Finding>& findings);

// "[错误] 应写作“其他” — 改为“其他”（W01）"
std::string finding_text(const Finding& f);

}  // namespace sanding::plugin
