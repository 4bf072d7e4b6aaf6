// Reads any OpenDocument text (.odt), not only sanding's own, into paragraphs: text:p and text:h
// with their spans, spaces (text:s), tabs, line breaks, lists, tables and sections, leaving out
// deleted tracked changes, notes and annotations. Hostile input is refused with an Error whose
// code says what was wrong (odt.* or zip.*); nothing is half-read.
#pragma once

#include <string>
#include <string_view>

#include "sanding/document.hpp"
#include "sanding/zip.hpp"

namespace sanding {

struct OdtLimits {
    ZipLimits zip;
    std::size_t max_paragraphs = 200000;
    std::size_t max_depth = 200;             // element nesting
    std::size_t max_text_bytes = 64u << 20;  // all paragraph text; text:s c="1000" is 50x its XML
    // Elements and attributes in content.xml, counted before the tree is built: each costs the
    // tree ~60 bytes, so 64 MB of tiny elements would cost over 1 GB. This bounds the tree to
    // ~60 MB; a long real regulation has a few tens of thousands.
    std::size_t max_xml_nodes = 1'000'000;
};

// The document's paragraphs in reading order; Error odt.* or zip.* naming what was wrong (not a
// ZIP, no content.xml, bad XML, a limit passed), and then nothing is returned.
Document read_odt(std::string bytes, const OdtLimits& limits = {});

// Reads the file, naming it in any error.
Document read_odt_file(const std::string& path, const OdtLimits& limits = {});

// Parses one ODF XML stream (content.xml) into paragraphs; exposed for tests and for flat XML.
Document read_odf_content_xml(std::string_view xml, const OdtLimits& limits = {});

}  // namespace sanding
