// A document as a flat list of paragraphs: what the ODT reader produces and the ODT writer lays
// out; the recogniser and the checker read it through views (ParagraphView).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace sanding {

enum class ParagraphKind {
    Body,          // ordinary paragraph (text:p)
    Heading,       // text:h as read from a file
    Title,         // the regulation's title (written by sanding)
    Stage,         // （讨论稿）
    ArticleStart,  // paragraph beginning “第X条　”
    TableCell,     // paragraph inside a table cell (read)
    ListItem,      // paragraph inside a list (read)
};

struct Paragraph {
    std::string text;  // UTF-8; tabs as '\t', line breaks as '\n', text:s expanded to spaces
    ParagraphKind kind = ParagraphKind::Body;
    std::size_t source_offset = 0;  // byte offset in the source text (plain-text input only)
};

struct Document {
    std::vector<Paragraph> paragraphs;
};

// A paragraph as the recogniser and the checker read it, without owning its text: the text belongs
// to a Document, or to the caller's buffer (a mapped plain-text file), which outlives the views.
// A 10 MB corpus is then checked without copying each of its 80,000 lines into a string first.
struct ParagraphView {
    std::string_view text;
    std::size_t source_offset = 0;  // as Paragraph::source_offset
};

// A list of paragraph views.
using ParagraphViews = std::vector<ParagraphView>;

inline ParagraphViews views_of(const Document& doc) {
    ParagraphViews out;
    out.reserve(doc.paragraphs.size());
    for (const auto& p : doc.paragraphs) out.push_back({p.text, p.source_offset});
    return out;
}

// A run of paragraphs (one draft of a document holding several).
using ParagraphSpan = std::span<const ParagraphView>;

}  // namespace sanding
