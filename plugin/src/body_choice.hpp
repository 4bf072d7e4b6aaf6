// Which body a command works on: the one given (argument Body), the user's own (drafters,
// heads), or, for reviewers and the office, one chosen from those the server lets them see.
#pragma once

#include <optional>
#include <string>

#include "api.hpp"
#include "command.hpp"

namespace sanding::plugin {

// The body's id; nothing when the person cancelled the choice. ServerError naming the choices
// when there are several and no window to choose in.
std::optional<std::string> chosen_body(const Invocation& inv, const api::Me& me,
                                       const std::string& title);

// "区应急管理局 · 已提交 · 修订 3", for the status item.
std::string draft_status(const api::Body& b);

}  // namespace sanding::plugin
