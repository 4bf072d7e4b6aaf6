#include "sanding/recognize.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "recognize_internal.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {

using detail::cut_before;

bool is_numeral_char(char32_t cp) {
    if ((cp >= U'0' && cp <= U'9') || (cp >= U'０' && cp <= U'９')) return true;
    switch (cp) {  // every paragraph's first characters come through here: no search of a list
        case U'零':
        case U'〇':
        case U'一':
        case U'二':
        case U'三':
        case U'四':
        case U'五':
        case U'六':
        case U'七':
        case U'八':
        case U'九':
        case U'十':
        case U'百':
        case U'千': return true;
        default: return false;
    }
}

// Numeral text → number, accepting full-width digits too (M05 flags them; the model still reads).
int numeral_value(std::string_view s) {
    // One Chinese character (第一条, （三）) is most of what is read: decoded here, as
    // parse_chinese_numeral reads it (一…九, 十; 零, 〇, 百, 千 alone are no number).
    if (s.size() == 3 && static_cast<unsigned char>(s[0]) >= 0xE0 &&
        static_cast<unsigned char>(s[0]) < 0xEF) {
        const auto* p = reinterpret_cast<const unsigned char*>(s.data());
        // parse_chinese_numeral reads these too, but a call and its checks cost more than this.
        const char32_t cp = three_byte_code_point(p);
        if (const int d = chinese_digit(cp); d > 0) return d;
        if (cp == U'十') return 10;
        return parse_chinese_numeral(s).value_or(0);
    }
    // A numeral is a few bytes: looked at one by one (a search costs more to start).
    if (std::none_of(s.begin(), s.end(), [](char c) { return c == '\xEF'; }))
        return parse_chinese_numeral(s).value_or(0);  // no full-width digit
    std::string ascii;
    std::size_t i = 0;
    bool fullwidth = false;
    while (i < s.size()) {
        char32_t cp = next_code_point(s, i);
        if (cp >= U'０' && cp <= U'９') {
            ascii += static_cast<char>('0' + (cp - U'０'));
            fullwidth = true;
        } else if (!fullwidth) {
            append_utf8(ascii, cp);
        } else {
            return 0;
        }
    }
    return parse_chinese_numeral(ascii).value_or(0);
}

std::size_t skip_indent(std::string_view p) {
    std::string_view t = p;
    for (;;) {
        if (!t.empty() && (t[0] == ' ' || t[0] == '\t'))
            t.remove_prefix(1);
        else if (starts_with(t, "\u3000"))
            t.remove_prefix(3);
        else
            break;
    }
    return p.size() - t.size();
}

// Length in bytes of the run of numeral characters at s[i], at most max_chars characters. Every
// numeral character is an ASCII digit or three bytes long (一, ３), so those are decoded here.
std::size_t numeral_run(std::string_view s, std::size_t i, int max_chars) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t j = i;
    for (int n = 0; j < s.size() && n < max_chars; ++n) {
        if (p[j] >= '0' && p[j] <= '9') {
            ++j;
            continue;
        }
        if ((p[j] & 0xF0) != 0xE0 || j + 3 > s.size() || (p[j + 1] & 0xC0) != 0x80 ||
            (p[j + 2] & 0xC0) != 0x80)
            break;
        const char32_t cp = three_byte_code_point(p + j);
        if (!is_numeral_char(cp)) break;
        j += 3;
    }
    return j - i;
}

// The level character (区县市省) just before `at` in s, or empty.
std::string_view level_before(std::string_view s, std::size_t at) {
    if (at < 3) return {};
    const std::string_view c = s.substr(at - 3, 3);
    if (c == "区" || c == "县" || c == "市" || c == "省" || c == "州" || c == "旗") return c;
    return {};
}

// The first rank in s (正/副 + 部厅局处科股 + 级: 正科级, 副部级), or empty.
std::string_view rank_in(std::string_view s) {
    for (auto at = s.find("级"); at != s.npos; at = s.find("级", at + 3)) {
        if (at < 6) continue;  // no room for 正/副 and the level before it
        const std::string_view w = s.substr(at - 6, 9);
        const std::string_view mid = w.substr(3, 3);
        if ((starts_with(w, "正") || starts_with(w, "副")) &&
            (mid == "部" || mid == "厅" || mid == "局" || mid == "处" || mid == "科" ||
             mid == "股"))
            return w;
    }
    return {};
}

// Whether a sentence states a rank: 为正科级, 为副部级, 规格为正处级, ，正科级。
bool states_rank(std::string_view s) {
    return !rank_in(s).empty();
}

// Whether a sentence says what kind of body this is: 是区政府工作部门, 为县人民政府工作部门, 是县委
// 工作机关, 是…管理的国家局, 是…部门管理机构, 是…派出机关, 是…事业单位.
bool states_kind(std::string_view s) {
    if (!contains(s, "是") && !contains(s, "为")) return false;
    for (std::string_view k : {"工作部门", "工作机关", "管理机构", "管理的机构", "管理的国家局",
                               "派出机关", "事业单位", "直属机构", "办事机构"})
        if (contains(s, k)) return true;
    return false;
}

ArticleRole classify(const Article& a) {
    const std::string_view first = a.paragraphs.empty() ? std::string_view() : a.paragraphs[0];
    // Each test in the order of the rules below, but a phrase's search is skipped where a shorter
    // one it holds is absent (主要职责 for 主要职责是, 内设机构 for its three forms).
    auto in_later_paragraphs = [&](std::string_view needle) {
        for (std::size_t i = 1; i < a.paragraphs.size(); ++i)
            if (contains(a.paragraphs[i], needle)) return true;
        return false;
    };
    if (contains(first, "制定本规定")) return ArticleRole::Basis;
    const bool duties = contains(first, "主要职责");
    // 主要职责是 first: a 第三条 that repeats the definition (A02) is still the duties article.
    if (duties && contains(first, "主要职责是")) return ArticleRole::Duties;
    if (contains(first, "以下简称")) return ArticleRole::Nature;
    if (duties) return ArticleRole::Duties;
    // The units article before looking further: a unit's line may say 主要职责是 too (“（一）
    // 办公室。主要职责是：…”), and its many lines were searched for it in every draft.
    if (contains(first, "内设机构") &&
        (contains(first, "内设机构：") || contains(first, "设下列内设机构") ||
         contains(first, "内设机构:") || contains(first, "个内设机构") ||
         contains(first, "内设机构如下")))
        return ArticleRole::Units;
    if (in_later_paragraphs("主要职责是")) return ArticleRole::Duties;
    // The nature article by what it says, with or without （以下简称…）: its first sentence gives
    // the body's kind or its rank (“X局是区政府工作部门，为正科级”, “区应急管理局为副处级”).
    if (const std::string_view s = cut_before(first, "。");
        !contains(s, "编制") && (states_kind(s) || states_rank(s)))
        return ArticleRole::Nature;
    if (contains(first, "负责解释")) return ArticleRole::Interpretation;
    if (contains(first, "本规定") &&
        (contains(first, "施行") || contains(first, "起执行") || contains(first, "生效")))
        return ArticleRole::Effective;
    if (contains(first, "职数") || (contains(first, "编制") && contains(first, "名")))
        return ArticleRole::Staffing;
    return ArticleRole::Other;
}

// Whether a duty item says 交办的其他任务 (or 其它, which W01 flags): one search for what the two
// share, every duty item being searched.
bool names_entrusted_tasks(std::string_view s) {
    constexpr std::string_view kShared = "交办的其";
    for (auto at = find_bytes(s, kShared); at != s.npos; at = find_bytes(s, kShared, at + 1)) {
        const std::string_view rest = s.substr(at + kShared.size());
        if (starts_with(rest, "他任务") || starts_with(rest, "它任务")) return true;
    }
    return false;
}

// Where a unit's name ends: the first 。：，:, at or after `from`, and its length (the end of
// the text, 0, when there is none). One walk that stops there: the name is a few characters, and
// searching the unit's whole line once per mark was most of reading it.
std::pair<std::size_t, std::size_t> first_name_end(std::string_view s, std::size_t from) {
    for (std::size_t i = from; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == ':' || c == ',') return {i, 1};
        if ((c == 0xE3 && holds_at(s, i, "。")) ||
            (c == 0xEF && (holds_at(s, i, "：") || holds_at(s, i, "，"))))
            return {i, 3};
    }
    return {s.size(), 0};
}

void parse_body(const Article& a, Body& body) {
    if (a.paragraphs.empty()) return;
    std::string_view p = a.paragraphs[0];
    std::string_view first_sentence = cut_before(p, "。");
    // （以下简称…）, in either brackets: the name before it is the full name, the one inside the
    // short.
    if (const auto d = detail::definition_at(p); d.at != p.npos) {
        body.full_name.assign(p.substr(0, d.at));
        if (const auto close = find_mark(p, "）", d.name_at); close.at != p.npos)
            body.short_name.assign(p.substr(d.name_at, close.at - d.name_at));
    }
    if (body.full_name.empty()) {
        // No （以下简称…）: the name is the subject, up to 是 or 为 (“区应急管理局为副处级”), or
        // a bracket giving the name of a plate it also carries (县农业农村局（县乡村振兴局）是…).
        std::size_t end = first_sentence.size();
        for (std::string_view v : {"是", "为", "，", ",", "（", "("})
            end = std::min(end, find_bytes(first_sentence, v));
        if (end != first_sentence.npos && end > 0)
            body.full_name.assign(first_sentence.substr(0, end));
        if (const auto bracket = mark_at(first_sentence, end, "（"); !bracket.empty()) {
            const std::size_t from = end + bracket.size();
            if (const auto close = find_mark(first_sentence, "）", from);
                close.at != first_sentence.npos && close.at > from)
                body.extra_names.emplace_back(first_sentence.substr(from, close.at - from));
        }
    }
    // Kind and level from the kind sentence: 是县政府工作部门, 是市人民政府工作部门,
    // 是区委工作机关.
    if (auto at = find_bytes(first_sentence, "委工作机关"); at != first_sentence.npos) {
        body.kind = BodyKind::PartyOrgan;
        body.level.assign(level_before(first_sentence, at));
    } else if (auto gov = find_bytes(first_sentence, "政府工作部门"); gov != first_sentence.npos) {
        body.kind = BodyKind::GovernmentDepartment;
        std::size_t kind_at = gov;
        if (kind_at >= 6 && first_sentence.substr(kind_at - 6, 6) == "人民") kind_at -= 6;
        body.level.assign(level_before(first_sentence, kind_at));
    } else if (contains(first_sentence, "管理的机构") || contains(first_sentence, "管理机构") ||
               contains(first_sentence, "管理的国家局")) {
        body.kind = BodyKind::ManagedAgency;
    } else if (contains(first_sentence, "派出机关")) {
        body.kind = BodyKind::StreetOffice;
    } else if (contains(first_sentence, "事业单位")) {
        body.kind = BodyKind::PublicInstitution;
    }
    if (body.level.empty()) {
        // 是区政府的派出机关, 是县人民政府直属事业单位: the level of the government named.
        if (auto gov = find_bytes(first_sentence, "政府"); gov != first_sentence.npos) {
            std::size_t at = gov;
            if (at >= 6 && first_sentence.substr(at - 6, 6) == "人民") at -= 6;
            body.level.assign(level_before(first_sentence, at));
        }
    }
    if (body.level.empty()) {
        if (contains(first_sentence, "国务院") || contains(first_sentence, "国家局") ||
            contains(first_sentence, "党中央"))
            body.level = "国家";
        else if (!body.short_name.empty())
            body.level.assign(level_before(body.short_name, 3));
        if (body.level.empty() && !body.full_name.empty())
            body.level.assign(level_before(body.full_name, 3));
    }
    body.rank.assign(rank_in(first_sentence));
    if (auto at = find_bytes(first_sentence, "加挂"); at != first_sentence.npos) {
        std::string_view names = cut_before(first_sentence.substr(at + 6), "牌子");
        std::size_t start = 0;
        while (start <= names.size()) {
            std::size_t sep = find_bytes(names, "、", start);
            std::size_t end = sep == names.npos ? names.size() : sep;
            if (end > start) body.extra_names.emplace_back(names.substr(start, end - start));
            if (sep == names.npos) break;
            start = sep + 3;
        }
    }
    for (std::size_t i = 1; i < a.paragraphs.size(); ++i) {
        std::string_view q = a.paragraphs[i];
        if (auto at = find_bytes(q, "设在"); at != q.npos && at > 0)
            body.hosted_offices.emplace_back(q.substr(0, at));
    }
}

}  // namespace

namespace detail {
std::size_t numeral_chars(std::string_view s, std::size_t i, int max_chars) {
    return numeral_run(s, i, max_chars);
}
int numeral_count(std::string_view s) {
    return numeral_value(s);
}
}  // namespace detail

std::optional<ArticleMarker> article_marker(std::string_view p) {
    ArticleMarker m;
    m.offset = skip_indent(p);
    if (!holds_at(p, m.offset, "第")) return std::nullopt;
    std::size_t num_start = m.offset + 3;
    std::size_t len = numeral_run(p, num_start, 6);
    if (len == 0 || !holds_at(p, num_start + len, "条")) return std::nullopt;
    m.numeral = p.substr(num_start, len);
    m.number = numeral_value(m.numeral);
    std::size_t after = num_start + len + 3;
    if (const std::string_view sep =
            first_held_at(p, after, "\u3000", "：", "、", ":", " ", "\t", "\u00A0");
        !sep.empty())
        m.separator = p.substr(after, sep.size());
    m.length = after + m.separator.size() - m.offset;
    return m;
}

std::optional<ItemMarker> item_marker(std::string_view p) {
    ItemMarker m;
    m.offset = skip_indent(p);
    std::string_view t = p.substr(m.offset);
    std::size_t open = 0;
    if (starts_with(t, "（"))
        open = 3, m.chinese_brackets = true;
    else if (starts_with(t, "("))
        open = 1;
    std::size_t len = numeral_run(t, open, 4);
    if (len == 0) return std::nullopt;
    std::size_t close = open + len;
    std::size_t close_len = starts_with(t.substr(close), "）")  ? 3
                            : starts_with(t.substr(close), ")") ? 1
                                                                : 0;
    // “一、” (a chapter's numbering) typed for an item: read as an item, which S06 renumbers
    // （一）.
    if (close_len == 0 && open == 0 && static_cast<unsigned char>(t[0]) >= 0xE0 &&
        starts_with(t.substr(close), "、"))
        close_len = 3;
    if (close_len == 0) return std::nullopt;
    const bool enumeration_comma = open == 0 && holds_at(t, close, "、");
    if (open == 0 && close_len != 1 && !enumeration_comma)
        return std::nullopt;  // “1）” is too unusual to be an item
    m.chinese_brackets = m.chinese_brackets && close_len == 3;
    m.numeral = t.substr(open, len);
    // Not an ASCII digit, nor a full-width one (EF BC 90–99): the numeral run holds no other byte
    // EF.
    m.chinese_numeral = !(m.numeral[0] >= '0' && m.numeral[0] <= '9') && m.numeral[0] != '\xEF';
    m.number = numeral_value(m.numeral);
    m.length = close + close_len;
    return m;
}

Regulation recognize(const Document& doc) {
    const ParagraphViews paragraphs = views_of(doc);
    return recognize(ParagraphSpan(paragraphs));
}

ParagraphMarkers paragraph_markers(std::string_view p) {
    ParagraphMarkers m{article_marker(p), std::nullopt};
    if (!m.article) m.item = item_marker(p);
    return m;
}

std::vector<ParagraphMarkers> paragraph_markers(ParagraphSpan ps) {
    std::vector<ParagraphMarkers> out;
    out.reserve(ps.size());
    for (const auto& p : ps) out.push_back(paragraph_markers(p.text));
    return out;
}

Regulation recognize(ParagraphSpan ps) {
    return recognize(ps, paragraph_markers(ps));
}

Regulation recognize(ParagraphSpan ps, const std::vector<ParagraphMarkers>& markers) {
    Regulation reg;
    recognize_into(ps, markers, reg);
    return reg;
}

namespace {

// The element after the first n of v, made when v has no more (then n + 1 are in use): a list is
// filled again over the one read before, its elements' strings reused.
template <class T>
T& next_of(std::vector<T>& v, std::size_t& n) {
    if (n == v.size()) v.emplace_back();
    return v[n++];
}

// 设3个内设机构：办公室、安全生产股、应急救援股。 The units named in the lead sentence, when no
// item lines follow (county drafts often list them so); each unit's span is its name.
void read_inline_units(std::string_view lead, int paragraph, std::size_t skip,
                       std::vector<InternalUnit>& out, std::size_t& n) {
    std::size_t from = lead.npos;
    for (std::string_view colon : {"内设机构：", "内设机构:"})
        if (const auto at = find_bytes(lead, colon); at != lead.npos) {
            from = at + colon.size();
            break;
        }
    if (from == lead.npos) return;
    const std::size_t end = std::min(find_bytes(lead, "。", from), lead.size());
    while (from < end) {
        const std::size_t sep = std::min(find_bytes(lead, "、", from), end);
        if (const std::string_view name = trim(lead.substr(from, sep - from)); !name.empty()) {
            InternalUnit& u = next_of(out, n);
            u.number = 0;
            u.name.assign(name);
            u.duties.clear();
            u.span = {paragraph, skip + static_cast<std::size_t>(name.data() - lead.data()),
                      name.size()};
        }
        from = sep + 3;
    }
}

}  // namespace

void recognize_into(ParagraphSpan ps, const std::vector<ParagraphMarkers>& markers,
                    Regulation& reg) {
    // Everything is set again, keeping storage, as the checker reads one draft after another into
    // the same model (a new one was some seventy allocations a draft): the lists' elements are
    // kept aside through the reset and filled again below, their strings reused.
    std::vector<Article> kept_articles = std::move(reg.articles);
    std::vector<DutyItem> kept_duty_items = std::move(reg.duty_items);
    std::vector<InternalUnit> kept_units = std::move(reg.units);
    reg.reset();
    reg.articles = std::move(kept_articles);
    reg.duty_items = std::move(kept_duty_items);
    reg.units = std::move(kept_units);
    std::size_t articles = 0, duty_items = 0, units = 0;

    // Article boundaries: paragraph indices where 第X条 starts.
    std::vector<std::size_t> starts;
    starts.reserve(ps.size());  // grown once, not by doubling (as the lists below)
    for (std::size_t i = 0; i < ps.size(); ++i)
        if (markers[i].article) starts.push_back(i);

    // Title and stage among the non-empty paragraphs before the first article.
    detail::read_front_matter(ps, starts.empty() ? ps.size() : starts[0], !starts.empty(), reg);

    std::vector<int> source;        // an article's paragraphs' indices in ps,
    std::vector<std::size_t> skip;  // and the bytes before their text (the 第X条 marker)
    source.reserve(ps.size());
    skip.reserve(ps.size());
    for (std::size_t k = 0; k < starts.size(); ++k) {
        const std::size_t first = starts[k],
                          last = k + 1 < starts.size() ? starts[k + 1] : ps.size();
        const ArticleMarker& m = *markers[first].article;
        Article& a = next_of(reg.articles, articles);
        a.number = m.number;
        a.heading = {static_cast<int>(first), m.offset, m.length};
        std::size_t paragraphs = 0;
        next_of(a.paragraphs, paragraphs).assign(ps[first].text.substr(m.offset + m.length));
        source.assign(1, static_cast<int>(first));
        skip.assign(1, m.offset + m.length);
        for (std::size_t i = first + 1; i < last; ++i) {
            if (trim_front(ps[i].text).empty()) continue;
            next_of(a.paragraphs, paragraphs).assign(ps[i].text);
            source.push_back(static_cast<int>(i));
            skip.push_back(0);
        }
        a.paragraphs.resize(paragraphs);
        a.role = classify(a);

        if (a.role == ArticleRole::Duties || a.role == ArticleRole::Units) {
            const std::size_t units_before = units;
            for (std::size_t j = 1; j < a.paragraphs.size(); ++j) {
                const std::string& text = a.paragraphs[j];
                const auto& im = markers[static_cast<std::size_t>(source[j])].item;
                const std::size_t body_at = im ? im->offset + im->length : 0;
                std::string_view rest = std::string_view(text).substr(body_at);
                SourceSpan span{source[j], body_at, rest.size()};
                if (a.role == ArticleRole::Duties) {
                    if (!im) {
                        // 1.与…的职责分工 continuation lines
                        if (duty_items > 0 && reg.duty_items[duty_items - 1].span.paragraph >= 0)
                            reg.duty_items[duty_items - 1].text.append("\n").append(text);
                        continue;
                    }
                    DutyItem& d = next_of(reg.duty_items, duty_items);
                    d.number = im->number;
                    d.text.assign(rest);
                    d.span = span;
                    if (starts_with(rest, "职能转变"))
                        d.role = DutyItemRole::Transformation;
                    else if (starts_with(rest, "有关职责分工"))
                        d.role = DutyItemRole::Division;
                    else if (names_entrusted_tasks(rest))
                        d.role = DutyItemRole::Entrusted;
                    else
                        d.role = DutyItemRole::Ordinary;
                } else {
                    if (!im) {
                        if (units > 0) reg.units[units - 1].duties.append("\n").append(text);
                        continue;
                    }
                    InternalUnit& u = next_of(reg.units, units);
                    u.number = im->number;
                    u.span = span;
                    // A placeholder name (【待填写：…】) holds a colon of its own.
                    std::size_t from = starts_with(rest, "【") && contains(rest, "】")
                                           ? find_bytes(rest, "】")
                                           : 0;
                    const auto [cut, cut_len] = first_name_end(rest, from);
                    u.name.assign(rest.substr(0, cut));
                    u.duties.assign(rest.substr(std::min(rest.size(), cut + cut_len)));
                }
            }
            if (a.role == ArticleRole::Units && units == units_before)
                read_inline_units(a.paragraphs[0], source[0], skip[0], reg.units, units);
        } else if (a.role == ArticleRole::Staffing && reg.staffing.span.paragraph < 0) {
            detail::read_staffing(a.paragraphs[0], source[0], reg.staffing);
            reg.staffing.span.offset = skip[0];
        } else if (a.role == ArticleRole::Nature && reg.body.full_name.empty()) {
            parse_body(a, reg.body);
        } else if (a.role == ArticleRole::Effective && reg.effective_date.empty()) {
            std::string_view p = a.paragraphs[0];
            auto from = find_bytes(p, "自");
            std::size_t to = p.npos;
            for (std::string_view end : {"起施行", "起执行", "起生效", "施行"}) {
                to = p.find(end, from == p.npos ? 0 : from);
                if (to != p.npos) break;
            }
            if (from != p.npos && to != p.npos && to > from)
                reg.effective_date.assign(p.substr(from + 3, to - from - 3));
        }
    }
    reg.articles.resize(articles);
    reg.duty_items.resize(duty_items);
    reg.units.resize(units);
    // No level from a nature article (none, or one that does not say it): the level the duties,
    // units and staffing articles name their body by (县农业农村局贯彻落实…, 县农业农村局设…).
    if (reg.body.level.empty())
        for (ArticleRole r : {ArticleRole::Duties, ArticleRole::Units, ArticleRole::Staffing})
            if (const Article& a = reg.article(r); !a.paragraphs.empty())
                if (const auto lvl = level_before(a.paragraphs[0], 3); !lvl.empty()) {
                    reg.body.level.assign(lvl);
                    break;
                }
    detail::read_layout(ps, reg);
}

}  // namespace sanding
