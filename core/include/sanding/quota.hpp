// A draft's staffing article set against the body's quota in the framework (编制职数框架): the
// table a reviewer reads beside the draft, one line per thing the framework fixes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sanding/framework.hpp"
#include "sanding/model.hpp"

namespace sanding {

struct QuotaLine {
    enum class Verdict {
        Match,           // 一致
        Over,            // 超出核定
        Under,           // 少于核定
        NotStated,       // 草案未写明
        NotInFramework,  // 框架未核定 (the draft states something the framework does not give)
    };
    std::string label;   // 行政编制, 局长, 副局长, 股级领导职数, 内设机构
    int framework = -1;  // -1 when the framework does not fix it
    int draft = -1;      // -1 when the draft does not state it
    Verdict verdict = Verdict::Match;
};

std::string_view chinese_label(QuotaLine::Verdict v);

// Establishments by type, the principal and each deputy title, the internal units' leader posts
// and the number of internal units, in that order. Never fails: a draft without a staffing
// article gives NotStated lines.
std::vector<QuotaLine> compare_quota(const BodyFacts& body, const Regulation& draft);

}  // namespace sanding
