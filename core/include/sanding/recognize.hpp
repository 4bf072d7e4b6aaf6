// Reads the draft model back from a document's paragraphs, whoever typed them: article headings
// 第X条, items （一）, unit items, the staffing sentence, the nature article's names. Every part
// keeps its paragraph index and byte offsets, so findings can point into the document. Anything
// not recognised is left empty; recognising never fails.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sanding/document.hpp"
#include "sanding/model.hpp"

namespace sanding {

// “第十一条　” at the start of a paragraph (after any indentation).
struct ArticleMarker {
    std::size_t offset = 0;      // where 第 starts
    std::size_t length = 0;      // 第…条 plus its separator
    std::string_view numeral;    // the text between 第 and 条
    std::string_view separator;  // U+3000, space, ：, 、 or empty
    int number = 0;              // 0 when the numeral is not a well-formed Chinese numeral
};
std::optional<ArticleMarker> article_marker(std::string_view paragraph);  // nothing: no heading

// “（一）”, “（1）”, “(1)”, “1)” at the start of an item.
struct ItemMarker {
    std::size_t offset = 0;
    std::size_t length = 0;
    std::string_view numeral;
    bool chinese_brackets = false;  // （…） full-width
    bool chinese_numeral = false;   // 一二三…
    int number = 0;
};
std::optional<ItemMarker> item_marker(std::string_view paragraph);  // nothing: no item marker

// A paragraph's markers, parsed once: the checker shares them between the recogniser and its
// paragraph rules. An article heading has no item marker.
struct ParagraphMarkers {
    std::optional<ArticleMarker> article;
    std::optional<ItemMarker> item;
};
ParagraphMarkers paragraph_markers(std::string_view paragraph);
std::vector<ParagraphMarkers> paragraph_markers(ParagraphSpan paragraphs);

// The model of the draft the paragraphs hold; never fails (see the top of this file).
Regulation recognize(const Document& doc);
Regulation recognize(ParagraphSpan paragraphs);
// markers: paragraph_markers(paragraphs), when the caller has them already.
Regulation recognize(ParagraphSpan paragraphs, const std::vector<ParagraphMarkers>& markers);
// The same into reg, whatever it held before (all of it is replaced), reusing its storage: for a
// reader of many drafts in a row.
void recognize_into(ParagraphSpan paragraphs, const std::vector<ParagraphMarkers>& markers,
                    Regulation& reg);

}  // namespace sanding
