// Name rules (A*): the body's short name defined once, before use, and the same name in the
// title, 第二条 and the staffing article.
#include "code_rules.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {

// Where “（以下简称” first appears: paragraph and offset, or paragraph -1.
std::pair<int, std::size_t> definition(const CheckContext& c) {
    for (std::size_t p = 0; p < c.paragraphs.size(); ++p)
        if (c.info[p].marks & kMarkDefinition)
            if (const auto d = definition_at(c.text(static_cast<int>(p)));
                d.at != std::string::npos)
                return {static_cast<int>(p), d.at};
    return {-1, 0};
}

bool is_front_matter(const CheckContext& c, int p) {
    return c.info[p].article < 0;
}  // title, 讨论稿 line

void a01_defined_before_use(const CheckContext& c) {
    const std::string& name = c.reg.body.short_name;
    auto [def_p, def_at] = definition(c);
    if (name.empty() || def_p < 0) return;
    for (int p = 0; p <= def_p; ++p) {
        if (is_front_matter(c, p)) continue;
        const std::string_view t = c.text(p);
        auto at = t.find(name);
        // In the defining paragraph itself, only a use before the definition counts (the full
        // name contains no short name in practice, but 区X局 may be inside 全称).
        if (at != std::string::npos && (p < def_p || at + name.size() <= def_at) &&
            !(p == def_p && contains(std::string_view(t).substr(0, def_at), c.reg.body.full_name) &&
              at >= std::string_view(t).substr(0, def_at).find(c.reg.body.full_name))) {
            c.emit("A01", p, at, name.size(), "“" + name + "”在定义（以下简称）之前就已使用");
            return;
        }
    }
}

// Whether a （以下简称X） defines a short name for the body itself: X is a name of the body's
// kind (it ends as the body's full name does: 局, 委员会→委, 办公室→办) and not a law (《》), a
// plan, or an office hosted here (县委农办 in a 农业农村局's draft).
bool names_the_body(const CheckContext& c, std::string_view short_name) {
    if (short_name.empty() || contains(short_name, "《")) return false;
    const std::string& body_short = c.reg.body.short_name;
    if (!body_short.empty() && short_name == body_short) return true;
    const std::string& full = c.reg.body.full_name;
    if (full.empty()) return true;
    // The body's own name ends in its type word; a second short name for the body ends alike.
    for (std::string_view end : {"局", "委", "办", "部", "厅", "院", "中心", "署", "会"})
        if (ends_with(full, end) || (end == "委" && ends_with(full, "委员会")) ||
            (end == "办" && ends_with(full, "办公室")))
            if (ends_with(short_name, end)) {
                // 县委农办 is another body's office (县委 is the committee, not this body).
                for (const auto& hosted : c.reg.body.hosted_offices)
                    if (contains(hosted, short_name) || contains(short_name, hosted)) return false;
                return !(ends_with(full, "局") &&
                         (contains(short_name, "委") || contains(short_name, "办")));
            }
    return false;
}

void a02_defined_once(const CheckContext& c) {
    int seen = 0;
    for (std::size_t p = 0; p < c.paragraphs.size(); ++p) {
        if (!(c.info[p].marks & kMarkDefinition)) continue;
        const std::string_view t = c.text(static_cast<int>(p));
        for (auto d = definition_at(t); d.at != std::string::npos;
             d = definition_at(t, d.name_at)) {
            const std::size_t at = d.at, name_at = d.name_at;
            const auto close = find_mark(t, "）", name_at);
            const bool closed = close.at != std::string::npos;
            const std::size_t end = closed ? close.at + close.size : name_at;
            const std::string_view name =
                closed ? t.substr(name_at, close.at - name_at) : std::string_view();
            // Only short names for the body itself count: 县委农办, 《条例》 or a plan's are fine.
            if (!names_the_body(c, name)) continue;
            if (++seen < 2) continue;
            c.emit("A02", static_cast<int>(p), at, end - at, "简称已在前面定义过，不应再次定义");
        }
    }
}

// A body's name as titles write it: without 中共 and with 委员会 shortened to 委 (中共澧阳县委
// 组织部 and 中共澧阳县委员会组织部 are one name).
std::string plain_name(std::string_view n) {
    if (starts_with(n, "中共"))
        n.remove_prefix(6);
    else if (starts_with(n, "中国共产党"))
        n.remove_prefix(15);
    std::string out(n);
    for (auto at = out.find("委员会"); at != std::string::npos && at + 9 < out.size();
         at = out.find("委员会", at + 3))
        out.replace(at, 9, "委");
    return out;
}

// Whether two names name the same body, one with the higher places (澧阳市枫林区农业农村局) and the
// other with fewer or only the level (枫林区农业农村局, 区农业农村局).
bool same_body(std::string_view a, std::string_view b) {
    std::string x = plain_name(a), y = plain_name(b);
    if (x.size() < y.size()) std::swap(x, y);
    if (ends_with(x, y)) return true;
    // 区农业农村局 against 湘西市枫林区农业农村局: the level character stands for the place.
    for (std::string_view lvl : {"区", "县", "市", "省"})
        if (starts_with(y, lvl) && ends_with(x, y.substr(lvl.size())) &&
            contains(x.substr(0, x.size() - (y.size() - lvl.size())), lvl))
            return true;
    return false;
}

void a04_same_name(const CheckContext& c) {
    const std::string& full = c.reg.body.full_name;
    if (full.empty()) return;
    const SourceSpan& t = c.reg.title_span;
    if (t.paragraph >= 0 && !starts_with(c.reg.title, full)) {
        // The title's body: what stands before 职能配置 (or 主要职责 / 内设机构).
        std::string_view title = c.reg.title;
        std::size_t end = title.size();
        for (std::string_view part : {"职能配置", "主要职责", "内设机构", "机构职能"})
            end = std::min(end, title.find(part));
        if (end != std::string_view::npos && end > 0 && !same_body(title.substr(0, end), full) &&
            (c.reg.body.short_name.empty() ||
             !same_body(title.substr(0, end), c.reg.body.short_name)))
            c.emit("A04", t.paragraph, t.offset, t.length,
                   "标题中的机构名称与第二条的全称“" + full + "”不一致");
    }
    const Staffing& s = c.reg.staffing;
    if (s.span.paragraph >= 0) {
        std::string_view sentence =
            std::string_view(c.text(s.span.paragraph)).substr(s.span.offset);
        if ((!c.reg.body.short_name.empty() && starts_with(sentence, c.reg.body.short_name)) ||
            starts_with(sentence, full))
            return;
        auto subject_end = find_bytes(sentence, "机关");
        for (std::string_view type : {"行政编制", "事业编制", "政法专项编制"}) {
            auto at = sentence.find(type);
            if (at < subject_end) subject_end = at;
        }
        if (subject_end == std::string_view::npos || subject_end == 0) return;
        std::string_view subject = sentence.substr(0, subject_end);
        const std::string& named = c.reg.body.short_name.empty() ? full : c.reg.body.short_name;
        if (!same_body(subject, full) && !same_body(subject, named))
            c.emit("A04", s.span.paragraph, s.span.offset, subject.size(),
                   "编制条中的机构名称“" + std::string(subject) + "”与第二条定义的“" + named +
                       "”不一致",
                   {named});
    }
}

}  // namespace

namespace detail {
void add_name_rules(std::vector<CodeRule>& v) {
    v.insert(v.end(),
             {SANDING_CODE_RULE("A01", a01_defined_before_use),
              SANDING_CODE_RULE("A02", a02_defined_once), SANDING_CODE_RULE("A04", a04_same_name)});
}
}  // namespace detail

}  // namespace sanding
