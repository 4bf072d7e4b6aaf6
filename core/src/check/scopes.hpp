// Each paragraph's scopes (title, duties, units, staffing …) and article: what decides which
// rules apply to it.
#pragma once

#include <string_view>
#include <vector>

#include "context.hpp"
#include "sanding/document.hpp"
#include "sanding/model.hpp"

namespace sanding {

// Scopes and article of each paragraph of ps, from the model the recogniser read from it.
std::vector<ParagraphInfo> paragraph_info(ParagraphSpan ps, const Regulation& reg);

// Scopes of a paragraph seen alone (the proofreader's path), guessed from its own words.
ScopeSet guess_scopes(std::string_view paragraph);

}  // namespace sanding
