// From the draft model to the document of record: paragraphs in reading order, then the
// GB/T 9704 .odt.
#pragma once

#include <string>

#include "sanding/document.hpp"
#include "sanding/model.hpp"

namespace sanding {

// Title (broken before 职能配置 for a 梯形 title), （讨论稿） when the stage is set, then each
// article as “第X条　” + its first paragraph, and its further paragraphs.
Document layout_document(const Regulation& reg);

// layout_document + write_odt.
std::string render_odt(const Regulation& reg);

}  // namespace sanding
