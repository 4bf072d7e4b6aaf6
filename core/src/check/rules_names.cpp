// Name rules (A*): the body's short name defined once, before use, and the same name in the
// title, 第二条 and the staffing article.
#include "context.hpp"
#include "sanding/text.hpp"

namespace sanding {
namespace {

// Where “（以下简称” first appears: paragraph and offset, or paragraph -1.
std::pair<int, std::size_t> definition(const CheckContext& c) {
    for (std::size_t p = 0; p < c.paragraphs.size(); ++p)
        if (c.info[p].marks & kMarkDefinition)
            if (auto at = find_bytes(c.text(static_cast<int>(p)), kDefinitionOpen);
                at != std::string::npos)
                return {static_cast<int>(p), at};
    return {-1, 0};
}

bool is_front_matter(const CheckContext& c, int p) { return c.info[p].article < 0; }  // title, 讨论稿 line

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

void a02_defined_once(const CheckContext& c) {
    int seen = 0;
    for (std::size_t p = 0; p < c.paragraphs.size(); ++p) {
        if (!(c.info[p].marks & kMarkDefinition)) continue;
        const std::string_view t = c.text(static_cast<int>(p));
        for (auto at = find_bytes(t, kDefinitionOpen); at != std::string::npos;
             at = find_bytes(t, kDefinitionOpen, at + 1)) {
            if (++seen < 2) continue;
            auto close = find_bytes(t, "）", at);
            const std::size_t end =
                close == std::string::npos ? at + kDefinitionOpen.size() : close + 3;
            c.emit("A02", static_cast<int>(p), at, end - at, "简称已在前面定义过，不应再次定义");
        }
    }
}

void a04_same_name(const CheckContext& c) {
    const std::string& full = c.reg.body.full_name;
    if (full.empty()) return;
    const SourceSpan& t = c.reg.title_span;
    if (t.paragraph >= 0 && !starts_with(c.reg.title, full))
        c.emit("A04", t.paragraph, t.offset, t.length, "标题中的机构名称与第二条的全称“" + full + "”不一致");
    const Staffing& s = c.reg.staffing;
    if (s.span.paragraph >= 0) {
        std::string_view sentence = std::string_view(c.text(s.span.paragraph)).substr(s.span.offset);
        if (starts_with(sentence, c.reg.body.short_name) || starts_with(sentence, full)) return;
        auto subject_end = find_bytes(sentence, "机关");
        for (std::string_view type : {"行政编制", "事业编制", "政法专项编制"}) {
            auto at = sentence.find(type);
            if (at < subject_end) subject_end = at;
        }
        if (subject_end == std::string_view::npos || subject_end == 0) return;
        std::string_view subject = sentence.substr(0, subject_end);
        if (subject != c.reg.body.short_name && subject != full)
            c.emit("A04", s.span.paragraph, s.span.offset, subject.size(),
                   "编制条中的机构名称“" + std::string(subject) + "”与第二条定义的“" + c.reg.body.short_name + "”不一致",
                   {c.reg.body.short_name});
    }
}

}  // namespace

namespace detail {
void add_name_rules(std::vector<CodeRule>& v) {
    v.insert(v.end(), {{"A01", a01_defined_before_use}, {"A02", a02_defined_once}, {"A04", a04_same_name}});
}
}  // namespace detail

}  // namespace sanding
