// Internal to core: the ODT reader's traversal, shared with the fixer that edits content.xml in
// place (tracked changes) and so must know which XML text nodes hold which paragraph bytes.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "sanding/document.hpp"
#include "sanding/odf_reader.hpp"

namespace sanding {

// Character data that appears verbatim in a paragraph's text at [offset, offset + length).
struct TextSegment {
    pugi::xml_node node;
    std::size_t offset = 0, length = 0;
};
using ParagraphSegments = std::vector<std::vector<TextSegment>>;  // per paragraph

// Parses and validates content.xml (UTF-8, no DOCTYPE, an ODF text document); returns office:text.
// Error odt.too_many_nodes, before any tree is built, when xml has more than max_nodes elements
// and attributes (a cheap upper bound: '<' starting a tag, and '=' followed by a quote).
pugi::xml_node parse_odf_content(pugi::xml_document& doc, std::string_view xml,
                                 std::size_t max_nodes = 1'000'000);

// Paragraphs of office:text; with segments, also where each paragraph's bytes came from.
Document walk_odf_text(pugi::xml_node office_text, const OdtLimits& limits,
                       ParagraphSegments* segments);

// The prefix a document binds to a namespace ("" when it does not declare it).
std::string odf_prefix(pugi::xml_node root, std::string_view ns);

}  // namespace sanding
