// Writes a Document as an .odt laid out by GB/T 9704-2012 (layout.hpp): mirrored A4 margins,
// 2号 小标宋 title, 3号 仿宋 body on a 22 × 28 grid, 2-character first-line indent, “— N —”
// page numbers right on odd and left on even pages.
#pragma once

#include <string>

#include "sanding/document.hpp"

namespace sanding {

struct OdtMeta {
    std::string title;
    std::string subject;  // e.g. "讨论稿"
};

// The .odt bytes. Equal input gives equal bytes.
std::string write_odt(const Document& doc, const OdtMeta& meta);

}  // namespace sanding
