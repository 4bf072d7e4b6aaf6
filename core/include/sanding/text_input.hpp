#pragma once
// Plain text (a .txt draft, a paragraph from Writer) as the paragraphs the checker reads.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "sanding/document.hpp"

namespace sanding {

// The paragraphs of a text as views into it, as text_paragraphs makes them: a list of fixed length,
// read as a ParagraphSpan. (Not a ParagraphViews: its storage is written once, each part by the
// core that splits that part of the text, never zeroed first; docs/performance.md.)
class TextParagraphs {
public:
    TextParagraphs() = default;
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    const ParagraphView& operator[](std::size_t i) const noexcept { return views_[i]; }
    const ParagraphView* begin() const noexcept { return views_.get(); }
    const ParagraphView* end() const noexcept { return views_.get() + size_; }
    operator ParagraphSpan() const noexcept { return {views_.get(), size_}; }

private:
    friend TextParagraphs text_paragraphs(std::string_view, std::vector<std::uint32_t>*);
    struct Free {
        void operator()(ParagraphView* p) const noexcept;
    };
    std::unique_ptr<ParagraphView[], Free> views_;
    std::size_t size_ = 0;
};

// Splits a text into paragraphs (one per line; \r\n and \r accepted), remembering where each
// starts in the text. Error check.invalid_utf8 naming the line, check.empty for no text.
Document document_from_text(std::string_view text);
// The same paragraphs as views into text, which must outlive them; the same errors.
TextParagraphs text_paragraphs(std::string_view text);
// The same, also filling utf16_starts with where each paragraph starts in UTF-16 units, counted
// from the first (after a byte-order mark): one per paragraph, on every CPU and for every line
// end. Error check.too_large for a text of 2^32 UTF-16 units or more.
TextParagraphs text_paragraphs(std::string_view text, std::vector<std::uint32_t>* utf16_starts);

}  // namespace sanding
