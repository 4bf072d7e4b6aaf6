// The staffing sentence (人员编制): establishments by type, leader posts, the unit-level posts
// and their breakdown, in the forms published texts write them.
#include <algorithm>
#include <array>

#include "recognize_internal.hpp"
#include "sanding/text.hpp"

namespace sanding::detail {
namespace {

constexpr std::array<std::string_view, 7> kEstablishmentTypes = {
    "行政执法专项编制", "政法专项编制", "行政编制", "事业编制",
    "工勤人员编制",     "工勤编制",     "专项编制"};

// Whether a clause ends just before `at`: 。，；： or their ASCII forms.
bool clause_mark_ends_at(std::string_view p, std::size_t at) {
    return (at >= 3 && !first_held_at(p, at - 3, "。", "，", "；", "：").empty()) ||
           (at >= 1 && !first_held_at(p, at - 1, ",", ";", ":").empty());
}

// Where the clause holding `at` ends: the next ，；。 (or the twins of ，；), else the end of p.
std::size_t clause_end(std::string_view p, std::size_t at) {
    return std::min(
        {find_mark(p, "，", at).at, find_mark(p, "；", at).at, find_bytes(p, "。", at), p.size()});
}

// Past an optional 为 before a count (行政编制为15名, 股级领导职数为3名).
std::size_t past_wei(std::string_view p, std::size_t at) {
    return holds_at(p, at, "为") ? at + 3 : at;
}

// What stands between the nearest ；，。：、 or 设 before `key_at` and the key (领导职数): the
// posts' level (股级, 正科级, 内设机构) or the body's own (局, 部).
std::string_view level_before_key(std::string_view p, std::size_t key_at) {
    for (std::size_t i = key_at; i-- > 0;)
        if (const auto mark =
                first_held_at(p, i, "；", "，", "。", "设", "：", "、", ";", ",", ":");
            !mark.empty())
            return p.substr(i + mark.size(), key_at - i - mark.size());
    return p.substr(0, key_at);
}

// Whether a 领导职数's level names the body's own leadership (局领导职数, 部领导职数, 中心领导
// 职数): a body's type word, not a level (股级, 科级) nor its units (内设机构, 中层).
bool is_body_leadership(std::string_view level) {
    if (level.empty() || ends_with(level, "级") || contains(level, "机构")) return false;
    for (std::string_view w : {"局", "部", "委", "办", "厅", "院", "署", "中心", "会", "室"})
        if (ends_with(level, w)) return true;
    return false;
}

}  // namespace

// “32名” at s[i]: the count, or -1. Full-width digits (３２名) count too: M05 flags them, and the
// staffing rules should still see the numbers.
int count_at(std::string_view s, std::size_t i, std::size_t* end) {
    int value = 0, digits = 0;
    std::size_t j = i;
    while (j < s.size() && digits < 6) {
        if (s[j] >= '0' && s[j] <= '9') {
            value = value * 10 + (s[j] - '0'), ++j, ++digits;
        } else if (holds_at(s, j, "\xEF\xBC") && j + 2 < s.size() &&
                   static_cast<unsigned char>(s[j + 2]) >= 0x90 &&
                   static_cast<unsigned char>(s[j + 2]) <= 0x99) {
            value = value * 10 + (static_cast<unsigned char>(s[j + 2]) - 0x90), j += 3, ++digits;
        } else {
            break;
        }
    }
    if (digits == 0) {
        // 九名, 十二名: N02 flags Chinese numerals in counts; the model still reads them.
        const std::size_t len = numeral_chars(s, i, 4);
        if (len == 0 || !holds_at(s, i + len, "名")) return -1;
        const int n = numeral_count(s.substr(i, len));
        if (n <= 0) return -1;
        if (end) *end = i + len + 3;
        return n;
    }
    if (!holds_at(s, j, "名")) return -1;
    if (end) *end = j + 3;
    return value;
}

namespace {

// Establishments: each known type followed by a count, in text order. Every type ends in 编制,
// which is searched for once; of the types ending at one, the longest is taken (行政执法专项编制,
// not the 专项编制 it ends in). No type holds 编制 but at its end, so types never overlap.
void read_establishments(std::string_view p, Staffing& s) {
    constexpr std::string_view kEstablishment = "编制";
    for (auto at = find_bytes(p, kEstablishment); at != p.npos;
         at = find_bytes(p, kEstablishment, at + 1)) {
        const std::size_t end = at + kEstablishment.size();
        std::string_view type;
        for (const std::string_view t : kEstablishmentTypes)
            if (t.size() > type.size() && end >= t.size() && holds_at(p, end - t.size(), t))
                type = t;
        if (type.empty()) continue;
        if (int n = count_at(p, past_wei(p, end)); n >= 0)
            s.establishments.push_back({std::string(type), n});
    }
}

// Where the leader list opens: after 设 or 核定 at a clause's start (设局长1名，…; a body's name
// may hold 设, as 住房和城乡建设局, and 核定行政编制 is the establishment), after 其中 (with or
// without its colon), or inside the brackets after the body's own 领导职数
// (局领导职数4名（局长1名、 副局长3名）). npos when there is none.
std::size_t leaders_start(std::string_view p) {
    std::size_t lead = p.npos;
    for (std::string_view word : {"设", "核定"}) {
        for (auto at = find_bytes(p, word); at != p.npos; at = find_bytes(p, word, at + 3)) {
            const std::string_view clause = p.substr(at, clause_end(p, at) - at);
            if ((at == 0 || clause_mark_ends_at(p, at)) && !contains(clause, "编制") &&
                !contains(clause, "职数")) {
                lead = std::min(lead, at + word.size());
                break;
            }
        }
    }
    for (std::string_view among : {"其中：", "其中:", "其中"}) {
        const auto at = find_bytes(p, among);
        if (at == p.npos) continue;
        if ((lead == p.npos || at + among.size() < lead) &&
            !contains(cut_before(p.substr(at), "。"), "编制"))
            lead = at + among.size();
        break;
    }
    if (lead != p.npos) return lead;
    for (auto at = find_bytes(p, "领导职数"); at != p.npos;
         at = find_bytes(p, "领导职数", at + 3)) {
        std::size_t end = 0;
        if (is_body_leadership(level_before_key(p, at)) && count_at(p, at + 12, &end) >= 0) {
            const auto open = mark_at(p, end, "（");
            return open.empty() ? p.npos : end + open.size();
        }
    }
    return p.npos;
}

// The leaders from `lead` to the end of the clause list (；or 。): A1名，B3名、C1名 — each piece's
// title and its first count (局长1名, 副局长三名); pieces that are 职数 or 编制 are not leaders.
void read_leaders(std::string_view p, std::size_t lead, Staffing& s) {
    const std::string_view rest = p.substr(lead);
    const std::string_view leaders =
        rest.substr(0, std::min(find_mark(rest, "；").at, find_bytes(rest, "。")));
    for (std::size_t start = 0; start < leaders.size();) {
        const auto comma = find_mark(leaders, "，", start);
        const std::size_t enum_comma = find_bytes(leaders, "、", start);
        const std::size_t end = std::min({comma.at, enum_comma, leaders.size()});
        const std::string_view piece = leaders.substr(start, end - start);
        if (!contains(piece, "职数") && !contains(piece, "编制")) {
            for (std::size_t i = 0; i < piece.size();
                 i += (static_cast<unsigned char>(piece[i]) < 0x80 ? 1 : 3)) {
                if (int n = count_at(piece, i); n >= 0) {
                    if (i > 0) s.leaders.push_back({std::string(piece.substr(0, i)), n});
                    break;
                }
            }
        }
        start = end == leaders.size() ? end : end + (end == comma.at ? comma.size : 3);
    }
}

// Unit-level posts: …；股级领导职数9名（含…）。 Also 科级职数3名 (领导 left out), 内设机构负责人
// 职数2名 (a 事业单位's), and 为 before the count. The first whose count reads, leaving out the
// body's own 局领导职数 (its leaders, read above); the level and the bracketed breakdown with it.
void read_unit_posts(std::string_view p, Staffing& s) {
    std::size_t posts_key = p.npos;
    std::string_view key, level;
    for (const auto& [form, skip] : {std::pair<std::string_view, std::size_t>{"领导职数", 0},
                                     {"负责人职数", 0},
                                     {"级职数", 3}}) {
        const std::string_view k = form.substr(skip);  // 科级职数: the level keeps its 级
        for (auto at = find_bytes(p, form); at != p.npos; at = find_bytes(p, form, at + 3)) {
            const std::string_view lvl = level_before_key(p, at + skip);
            if (is_body_leadership(lvl)) continue;
            if (posts_key == p.npos || count_at(p, past_wei(p, at + skip + k.size())) >= 0)
                posts_key = at + skip, key = k, level = lvl;
            break;
        }
        if (posts_key != p.npos && count_at(p, past_wei(p, posts_key + key.size())) >= 0) break;
    }
    if (posts_key == p.npos) return;
    s.unit_level.assign(level);
    std::size_t end = 0;
    s.unit_posts = count_at(p, past_wei(p, posts_key + key.size()), &end);
    if (const auto open = mark_at(p, end, "（"); s.unit_posts >= 0 && !open.empty()) {
        const std::size_t from = end + open.size();
        if (const auto close = find_mark(p, "）", from); close.at != p.npos)
            s.breakdown.assign(p.substr(from, close.at - from));
    }
}

}  // namespace

// Reads the staffing article into s, which is cleared first. Published pages often carry ASCII
// , ; : ( ) for the full-width marks (P01 flags them): the clauses are read the same either way.
void read_staffing(std::string_view p, int paragraph, Staffing& s) {
    s.reset();
    s.span = {paragraph, 0, p.size()};
    read_establishments(p, s);
    if (const std::size_t lead = leaders_start(p); lead != p.npos) read_leaders(p, lead, s);
    read_unit_posts(p, s);
}

}  // namespace sanding::detail
