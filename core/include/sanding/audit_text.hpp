// How an audit entry reads to the people who check the log (审计日志): the action and its details
// in Chinese, never the internal action id or JSON keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sanding {

// 提交审核, 签发, 收集 …; "其他操作" for an action this version does not know.
std::string_view audit_action_label(std::string_view action);

// Every action id the server records, in the order a workflow takes them (for filters).
const std::vector<std::string_view>& audit_actions();

// The entry's detail JSON as one line of Chinese ("修订 3；意见：……"): known keys in a fixed
// order, unknown keys and malformed JSON left out (the raw detail stays in the log).
std::string audit_detail_text(std::string_view action, std::string_view detail_json);

}  // namespace sanding
