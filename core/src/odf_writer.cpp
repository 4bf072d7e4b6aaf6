#include "sanding/odf_writer.hpp"

#include <cstdio>

#include "layout.hpp"
#include "sanding/text.hpp"
#include "sanding/zip.hpp"
#include "xml_escape.hpp"

namespace sanding {
namespace {

namespace g = gbt9704;

constexpr const char* kNamespaces =
    R"( xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0")"
    R"( xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0")"
    R"( xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0")"
    R"( xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0")"
    R"( xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0")"
    R"( xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0")"
    R"( xmlns:dc="http://purl.org/dc/elements/1.1/")"
    R"( office:version="1.3")";

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s(buf);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}
std::string mm(double v) {
    return num(v) + "mm";
}
std::string pt(double v) {
    return num(v) + "pt";
}

// Paragraph text as ODF inline content: runs of spaces as text:s, tabs and line breaks as
// elements, so that the reader gets back exactly the same string.
void inline_into(std::string& out, std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (c == '\n') {
            out += "<text:line-break/>";
            ++i;
        } else if (c == '\t') {
            out += "<text:tab/>";
            ++i;
        } else if (c == ' ') {
            std::size_t j = i;
            while (j < text.size() && text[j] == ' ') ++j;
            std::size_t n = j - i;
            // A single space between words is kept literally; others become text:s.
            bool literal_ok =
                n == 1 && i > 0 && j < text.size() && text[i - 1] != '\n' && text[i - 1] != '\t';
            if (literal_ok) {
                out += ' ';
            } else {
                out += n == 1 ? "<text:s/>" : "<text:s text:c=\"" + std::to_string(n) + "\"/>";
            }
            i = j;
        } else {
            std::size_t j = text.find_first_of(" \t\n", i);
            if (j == text.npos) j = text.size();
            escape_into(out, text.substr(i, j - i));
            i = j;
        }
    }
}

std::string font_face(const char* name, const char* family, const char* generic) {
    return std::string("<style:font-face style:name=\"") + name + "\" svg:font-family=\"" +
           esc(family) + "\" style:font-family-generic=\"" + generic +
           "\" style:font-pitch=\"variable\"/>";
}

std::string font_faces() {
    return std::string("<office:font-face-decls>") + font_face("Latin", g::kLatinFont, "roman") +
           font_face("XiaoBiaoSong", g::kTitleFont, "roman") +
           font_face("FangSong", g::kBodyFont, "roman") +
           font_face("KaiTi", g::kKaiFont, "script") + font_face("HeiTi", g::kHeiFont, "swiss") +
           font_face("SongTi", g::kSongFont, "roman") + "</office:font-face-decls>";
}

// Text properties for CJK text in `font` at `size` pt, Latin digits in the Latin face.
std::string text_props(const char* font, double size, bool spacing = true) {
    return std::string(
               "<style:text-properties style:font-name=\"Latin\" style:font-name-asian=\"") +
           font + "\" fo:font-size=\"" + pt(size) + "\" style:font-size-asian=\"" + pt(size) +
           "\" fo:language=\"zh\" fo:country=\"CN\" style:language-asian=\"zh\" "
           "style:country-asian=\"CN\"" +
           (spacing ? std::string(" fo:letter-spacing=\"") + g::kLetterSpacing + "\""
                    : std::string()) +
           " fo:color=\"#000000\"/>";
}

std::string styles_xml() {
    std::string s =
        std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles") +
        kNamespaces + ">" + font_faces() + "<office:styles>";
    s += "<style:default-style style:family=\"paragraph\"><style:paragraph-properties "
         "fo:line-height=\"" +
         pt(g::kLinePitchPt) +
         "\" style:punctuation-wrap=\"hanging\" style:line-break=\"strict\"/>" +
         text_props("FangSong", g::kBodyPt) + "</style:default-style>";
    s += "<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>";
    // 正文: 3号仿宋, first line indented 2 字, justified, fixed pitch.
    s += "<style:style style:name=\"sanding_Body\" style:display-name=\"三定正文\" "
         "style:family=\"paragraph\" "
         "style:parent-style-name=\"Standard\"><style:paragraph-properties fo:text-indent=\"" +
         pt(2 * g::kBodyPt) +
         "\" fo:text-align=\"justify\" fo:margin-top=\"0pt\" fo:margin-bottom=\"0pt\" " +
         "fo:line-height=\"" + pt(g::kLinePitchPt) + "\"/>" + text_props("FangSong", g::kBodyPt) +
         "</style:style>";
    // 标题: 2号小标宋, centred.
    s += "<style:style style:name=\"sanding_Title\" style:display-name=\"三定标题\" "
         "style:family=\"paragraph\" "
         "style:parent-style-name=\"Standard\" "
         "style:next-style-name=\"sanding_Body\"><style:paragraph-properties "
         "fo:text-align=\"center\" fo:text-indent=\"0pt\" fo:line-height=\"" +
         pt(g::kLinePitchPt * 1.2) + "\"/>" + text_props("XiaoBiaoSong", g::kTitlePt, false) +
         "</style:style>";
    // （讨论稿）: 3号楷体 below the title, then one blank line.
    s +=
        "<style:style style:name=\"sanding_Stage\" style:display-name=\"三定稿次\" "
        "style:family=\"paragraph\" "
        "style:parent-style-name=\"Standard\"><style:paragraph-properties fo:text-align=\"center\" "
        "fo:text-indent=\"0pt\" fo:margin-bottom=\"" +
        pt(g::kLinePitchPt) + "\"/>" + text_props("KaiTi", g::kBodyPt) + "</style:style>";
    // 第X条 in 黑体.
    s += "<style:style style:name=\"sanding_ArticleNumber\" style:display-name=\"三定条号\" "
         "style:family=\"text\">" +
         text_props("HeiTi", g::kBodyPt) + "</style:style>";
    // 页码: 4号 宋体; odd pages right, even pages left, each indented 1 字.
    for (bool odd : {true, false}) {
        s += std::string("<style:style style:name=\"sanding_PageNumber") + (odd ? "Odd" : "Even") +
             "\" style:family=\"paragraph\"><style:paragraph-properties fo:text-align=\"" +
             (odd ? "end" : "start") + "\" fo:text-indent=\"0pt\" fo:margin-" +
             (odd ? "right" : "left") + "=\"" + pt(g::kPageNumberPt) + "\"/>" +
             text_props("SongTi", g::kPageNumberPt, false) + "</style:style>";
    }
    s += "</office:styles><office:automatic-styles>";
    s += "<style:page-layout style:name=\"pm1\" "
         "style:page-usage=\"mirrored\"><style:page-layout-properties "
         "fo:page-width=\"" +
         mm(g::kPageWidthMm) + "\" fo:page-height=\"" + mm(g::kPageHeightMm) +
         "\" style:print-orientation=\"portrait\" fo:margin-top=\"" + mm(g::kTopMm) +
         "\" fo:margin-bottom=\"" + mm(g::kPageBottomMarginMm) + "\" fo:margin-left=\"" +
         mm(g::kInnerMm) + "\" fo:margin-right=\"" + mm(g::kOuterMm) +
         "\" style:writing-mode=\"lr-tb\"/><style:header-style/><style:footer-style>"
         "<style:header-footer-properties fo:min-height=\"" +
         mm(g::kFooterHeightMm) + "\" fo:margin-top=\"" + mm(g::kFooterSpacingMm) +
         "\" style:dynamic-spacing=\"false\"/></style:footer-style></style:page-layout>";
    s +=
        "</office:automatic-styles><office:master-styles>"
        "<style:master-page style:name=\"Standard\" style:page-layout-name=\"pm1\">"
        "<style:footer><text:p text:style-name=\"sanding_PageNumberOdd\">— <text:page-number "
        "text:select-page=\"current\">1</text:page-number> —</text:p></style:footer>"
        "<style:footer-left><text:p text:style-name=\"sanding_PageNumberEven\">— <text:page-number "
        "text:select-page=\"current\">2</text:page-number> —</text:p></style:footer-left>"
        "</style:master-page></office:master-styles></office:document-styles>";
    return s;
}

const char* style_for(ParagraphKind k) {
    switch (k) {
        case ParagraphKind::Title: return "sanding_Title";
        case ParagraphKind::Stage: return "sanding_Stage";
        default: return "sanding_Body";
    }
}

std::string content_xml(const Document& doc) {
    std::string s =
        std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content") +
        kNamespaces + ">" + font_faces() + "<office:automatic-styles/><office:body><office:text>";
    s.reserve(s.size() + doc.paragraphs.size() * 400);
    for (const auto& p : doc.paragraphs) {
        s += "<text:p text:style-name=\"";
        s += style_for(p.kind);
        s += "\">";
        std::string_view text = p.text;
        if (p.kind == ParagraphKind::ArticleStart) {
            // “第X条” in 黑体, then the rest: the marker ends at the first 条.
            std::size_t end = text.find("条");
            if (end != text.npos) {
                end += 3;
                s += "<text:span text:style-name=\"sanding_ArticleNumber\">";
                inline_into(s, text.substr(0, end));
                s += "</text:span>";
                text.remove_prefix(end);
            }
        }
        if (p.kind == ParagraphKind::Heading) {
            // A heading of a paper (一、…) in 黑体, GB/T 9704 7.3.3's first level.
            s += "<text:span text:style-name=\"sanding_ArticleNumber\">";
            inline_into(s, text);
            s += "</text:span></text:p>";
            continue;
        }
        inline_into(s, text);
        s += "</text:p>";
    }
    s += "</office:text></office:body></office:document-content>";
    return s;
}

std::string meta_xml(const OdtMeta& meta) {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta") +
           kNamespaces + "><office:meta><meta:generator>sanding/0.1</meta:generator><dc:title>" +
           esc(meta.title) + "</dc:title><dc:subject>" + esc(meta.subject) +
           "</dc:subject><dc:language>zh-CN</dc:language>"
           "</office:meta></office:document-meta>";
}

constexpr const char* kManifest =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
    "manifest:version=\"1.3\">"
    "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" "
    "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
    "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
    "<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>"
    "<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>"
    "</manifest:manifest>";

}  // namespace

static std::string changes_content_xml(const std::vector<ChangedParagraph>& ps,
                                       const std::string& author, const std::string& date) {
    std::string regions, body;
    int next = 0;
    auto info = [&] {
        std::string i = "<office:change-info><dc:creator>";
        escape_into(i, author);
        i += "</dc:creator><dc:date>" + date + "</dc:date></office:change-info>";
        return i;
    };
    for (const auto& p : ps) {
        body += "<text:p text:style-name=\"";
        body += style_for(p.kind);
        body += "\">";
        for (const auto& piece : p.pieces) {
            if (piece.kind == ChangedParagraph::Piece::Same) {
                inline_into(body, piece.text);
            } else if (piece.kind == ChangedParagraph::Piece::Insert) {
                const std::string id = "sanding-cmp" + std::to_string(++next);
                regions += "<text:changed-region text:id=\"" + id + "\" xml:id=\"" + id +
                           "\"><text:insertion>" + info() +
                           "</text:insertion></text:changed-region>";
                body += "<text:change-start text:change-id=\"" + id + "\"/>";
                inline_into(body, piece.text);
                body += "<text:change-end text:change-id=\"" + id + "\"/>";
            } else {
                const std::string id = "sanding-cmp" + std::to_string(++next);
                regions += "<text:changed-region text:id=\"" + id + "\" xml:id=\"" + id +
                           "\"><text:deletion>" + info() + "<text:p>";
                inline_into(regions, piece.text);
                regions += "</text:p></text:deletion></text:changed-region>";
                body += "<text:change text:change-id=\"" + id + "\"/>";
            }
        }
        body += "</text:p>";
    }
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content") +
           kNamespaces + ">" + font_faces() +
           "<office:automatic-styles/><office:body><office:text><text:tracked-changes "
           "text:track-changes=\"false\">" +
           regions + "</text:tracked-changes>" + body +
           "</office:text></office:body></office:document-content>";
}

std::string write_odt(const Document& doc, const OdtMeta& meta) {
    ZipWriter zip;
    // ODF 1.3 §3.3: mimetype first, stored, so that `file` and LibreOffice recognise the package.
    zip.add("mimetype", "application/vnd.oasis.opendocument.text", false);
    zip.add("content.xml", content_xml(doc));
    zip.add("styles.xml", styles_xml());
    zip.add("meta.xml", meta_xml(meta));
    zip.add("META-INF/manifest.xml", kManifest);
    return zip.finish();
}

std::string write_odt_with_changes(const std::vector<ChangedParagraph>& paragraphs,
                                   const OdtMeta& meta, const std::string& author,
                                   const std::string& date_iso) {
    ZipWriter zip;
    zip.add("mimetype", "application/vnd.oasis.opendocument.text", false);
    zip.add("content.xml", changes_content_xml(paragraphs, author, date_iso));
    zip.add("styles.xml", styles_xml());
    zip.add("meta.xml", meta_xml(meta));
    zip.add("META-INF/manifest.xml", kManifest);
    return zip.finish();
}

}  // namespace sanding
