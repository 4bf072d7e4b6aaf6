// Writes a Document as an .odt laid out by GB/T 9704-2012 (numbers in core/src/layout.hpp):
// mirrored A4 margins, 2号 小标宋 title, 3号 仿宋 body on a 22 × 28 grid, 2-character first-line
// indent, “— N —” page numbers right on odd and left on even pages.
#pragma once

#include <string>
#include <vector>

#include "sanding/document.hpp"

namespace sanding {

struct OdtMeta {
    std::string title;
    std::string subject;  // e.g. "讨论稿"
};

// The .odt bytes. Equal input gives equal bytes.
std::string write_odt(const Document& doc, const OdtMeta& meta);

// A paragraph of a comparison: pieces kept, inserted or deleted (tracked changes in Writer).
struct ChangedParagraph {
    ParagraphKind kind = ParagraphKind::Body;
    struct Piece {
        enum Kind { Same, Insert, Delete } kind = Same;
        std::string text;
    };
    std::vector<Piece> pieces;
};

// The same layout, with insertions and deletions as ODF tracked changes by `author`, so a
// reviewer opens it in Writer and sees (and can accept or reject) every change.
std::string write_odt_with_changes(const std::vector<ChangedParagraph>& paragraphs,
                                   const OdtMeta& meta, const std::string& author,
                                   const std::string& date_iso);

}  // namespace sanding
