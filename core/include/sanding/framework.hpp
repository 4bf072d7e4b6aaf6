// The district's staffing framework (编制职数框架): which bodies exist, of what kind and rank,
// with how many posts. Loaded from templates/framework/*.xml (schemas/framework.xsd).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sanding/model.hpp"

namespace sanding {

struct District {
    std::string province, city, name;  // 东江省 清河市 云溪区
    std::string level = "区";  // 区, 县, 市 or 省: what 全区, 区委, 区政府 say in the text
    std::string party_committee;       // 区委 (level + 委 unless the framework says otherwise)
    std::string establishment_office;  // 区委机构编制委员会办公室
};

// 改革轮次, with its deadline for the signed 讨论稿.
struct ReformRound {
    std::string id, name;
    std::string deadline;        // ISO date
    std::string effective_date;  // as the 施行 clause writes it: 2027年1月1日
    std::string time_zone =
        "Asia/Shanghai";  // the deadline day ends at 24:00 here (time-zone attribute)
};

// 编制职数: the quota one body may state in its staffing article.
struct StaffingQuota {
    std::vector<Establishment> establishments;
    std::vector<LeaderPost> leaders;  // principal first
    std::string unit_level;           // 股级
    int unit_posts = 0;
};

// One body of the framework and the facts its draft is filled with.
struct BodyFacts {
    std::string id;  // ASCII slug, e.g. natural-resources
    BodyKind kind = BodyKind::Unknown;
    std::string rank, name, full_name, short_name, field;
    std::vector<std::string> extra_names, hosted_offices;
    std::string managed_by;  // body id, for managed agencies and public institutions
    StaffingQuota quota;
    int internal_unit_count = 0;
    std::vector<std::string> unit_names;  // up to internal_unit_count
};

struct Framework {
    std::string id;
    District district;
    ReformRound round;
    std::vector<BodyFacts> bodies;
    std::string
        source;  // the XML it was read from: rule examples verified against it are keyed by it

    const BodyFacts* find(std::string_view body_id) const;  // nullptr when absent
};

// Errors: Error "framework.*" naming the file and line.
Framework load_framework(const std::string& path);
// The same from the file's bytes; `where` names it in errors.
Framework parse_framework(std::string_view xml, const std::string& where);

}  // namespace sanding
