#pragma once
// Plain text (a .txt draft, a paragraph from Writer) as the paragraphs the checker reads.
#include <cstdint>
#include <string_view>
#include <vector>

#include "sanding/document.hpp"

namespace sanding {

// Splits a text into paragraphs (one per line; \r\n and \r accepted), remembering where each
// starts in the text. Error check.invalid_utf8 naming the line, check.empty for no text.
Document document_from_text(std::string_view text);
// The same paragraphs as views into text, which must outlive them; the same errors.
ParagraphViews text_paragraphs(std::string_view text);
// The same, also filling utf16_starts with where each paragraph starts in UTF-16 units, counted
// from the first (after a byte-order mark): one per paragraph, on every CPU and for every line
// end. Error check.too_large for a text of 2^32 UTF-16 units or more.
ParagraphViews text_paragraphs(std::string_view text, std::vector<std::uint32_t>* utf16_starts);

}  // namespace sanding
