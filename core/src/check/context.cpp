// CheckContext's emitters: where a code rule's finding is placed when it names an article, a
// text or the whole document.
#include "context.hpp"

#include <algorithm>

#include "findings.hpp"

namespace sanding {

void CheckContext::emit(std::string_view id, int paragraph, std::size_t offset, std::size_t length,
                        std::string_view detail, std::vector<std::string> suggestions) const {
    const Rule* rule = lookup_(id);
    if (!rule || paragraph < 0 || paragraph >= static_cast<int>(paragraphs.size())) return;
    const std::string_view t = text(paragraph);
    offset = std::min(offset, t.size());
    length = std::min(length, t.size() - offset);
    out_.push_back(finding_of(*rule, paragraph, offset, length, detail, std::move(suggestions)));
}

void CheckContext::emit_at_text(std::string_view id, int paragraph, std::string_view needle,
                                std::string_view detail,
                                std::vector<std::string> suggestions) const {
    if (paragraph < 0) return emit_at_document(id, detail);
    const std::string_view t = text(paragraph);
    auto at = needle.empty() ? std::string::npos : t.find(needle);
    if (at == std::string::npos)
        emit(id, paragraph, 0, t.size(), detail, std::move(suggestions));
    else
        emit(id, paragraph, at, needle.size(), detail, std::move(suggestions));
}

bool CheckContext::ends_within(ArticleRole r) const {
    const auto present = [&](ArticleRole role) { return reg.article(role).number != 0; };
    return !reg.articles.empty() && reg.articles.back().role == r &&
           !present(ArticleRole::Interpretation) && !present(ArticleRole::Effective);
}

void CheckContext::emit_at_article(std::string_view id, const Article& a,
                                   std::string_view detail) const {
    if (a.heading.paragraph < 0) return emit_at_document(id, detail);
    // The marker without its separator: 第三条
    const std::string_view t = text(a.heading.paragraph);
    std::size_t len = a.heading.length;
    auto end = find_bytes(t, "条", a.heading.offset);
    if (end != std::string::npos && end + 3 <= a.heading.offset + a.heading.length)
        len = end + 3 - a.heading.offset;
    emit(id, a.heading.paragraph, a.heading.offset, len, detail);
}

void CheckContext::emit_at_document(std::string_view id, std::string_view detail) const {
    if (reg.title_span.paragraph >= 0)
        return emit(id, reg.title_span.paragraph, reg.title_span.offset, reg.title_span.length,
                    detail);
    for (std::size_t p = 0; p < paragraphs.size(); ++p)
        if (!trim(paragraphs[p].text).empty())
            return emit(id, static_cast<int>(p), 0, paragraphs[p].text.size(), detail);
    if (!paragraphs.empty()) emit(id, 0, 0, 0, detail);
}

}  // namespace sanding
