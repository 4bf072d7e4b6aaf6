#include "sanding/ods_writer.hpp"

#include "sanding/zip.hpp"
#include "xml_escape.hpp"

namespace sanding {
namespace {

constexpr const char* kNamespaces =
    " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
    " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "
    "office:version=\"1.3\"";

// XML 1.0 cannot hold C0 controls other than tab, line feed and carriage return.
std::string cell_text(const std::string& s) {
    std::string clean;
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') clean += c;
    return esc(clean);
}

void cell_into(std::string& out, const SheetCell& cell, bool bold) {
    const char* style = bold ? " table:style-name=\"Head\"" : "";
    if (const auto* n = std::get_if<long long>(&cell)) {
        out += "<table:table-cell" + std::string(style) +
               " office:value-type=\"float\" office:value=\"" + std::to_string(*n) + "\"><text:p>" +
               std::to_string(*n) + "</text:p></table:table-cell>";
        return;
    }
    const std::string& s = std::get<std::string>(cell);
    if (s.empty()) {
        out += "<table:table-cell/>";
        return;
    }
    out += "<table:table-cell" + std::string(style) + " office:value-type=\"string\"><text:p>" +
           cell_text(s) + "</text:p></table:table-cell>";
}

std::string content_xml(const Sheet& sheet) {
    std::string out =
        std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content") +
        kNamespaces +
        "><office:automatic-styles><style:style style:name=\"Head\" style:family=\"table-cell\">"
        "<style:text-properties fo:font-weight=\"bold\"/></style:style></office:automatic-styles>"
        "<office:body><office:spreadsheet><table:table table:name=\"" +
        cell_text(sheet.name.empty() ? "Sheet1" : sheet.name) + "\">";
    if (!sheet.header.empty()) {
        out += "<table:table-row>";
        for (const auto& h : sheet.header) cell_into(out, h, true);
        out += "</table:table-row>";
    }
    for (const auto& row : sheet.rows) {
        out += "<table:table-row>";
        for (const auto& c : row) cell_into(out, c, false);
        out += "</table:table-row>";
    }
    out += "</table:table></office:spreadsheet></office:body></office:document-content>";
    return out;
}

constexpr const char* kManifest =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
    "manifest:version=\"1.3\">"
    "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" "
    "manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>"
    "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
    "</manifest:manifest>";

}  // namespace

std::string write_ods(const Sheet& sheet) {
    ZipWriter zip;
    zip.add("mimetype", "application/vnd.oasis.opendocument.spreadsheet", false);
    zip.add("META-INF/manifest.xml", kManifest);
    zip.add("content.xml", content_xml(sheet));
    return zip.finish();
}

}  // namespace sanding
