// Shared helpers for sanding's own XML data files (templates/): strict parsing and error
// locations as file:line.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace sanding {

// Parses xml into doc, refusing invalid UTF-8, malformed XML and DOCTYPE; errors carry
// `code_prefix`.bad_xml etc. and "where:line".
void parse_data_xml(pugi::xml_document& doc, std::string_view xml, const std::string& where,
                    const std::string& code_prefix, unsigned extra_flags = 0);

// "where:line" for a node of a document parsed from xml.
std::string location(std::string_view xml, const std::string& where, pugi::xml_node node);

// Text of an element with surrounding white space removed.
std::string element_text(pugi::xml_node node);

}  // namespace sanding
