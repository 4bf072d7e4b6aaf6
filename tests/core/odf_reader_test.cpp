#include "sanding/odf_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "sanding/error.hpp"

using namespace sanding;

namespace {

constexpr std::string_view kTextMime = "application/vnd.oasis.opendocument.text";

constexpr std::string_view kNamespaces =
    R"( xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0")"
    R"( xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0")"
    R"( xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0")"
    R"( xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0")"
    R"( xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0")"
    R"( xmlns:dc="http://purl.org/dc/elements/1.1/")";

// A whole content.xml whose office:text holds `body`.
std::string content(std::string_view body) {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>)") + "\n<office:document-content" +
           std::string(kNamespaces) + R"( office:version="1.3"><office:body><office:text>)" +
           std::string(body) + "</office:text></office:body></office:document-content>";
}

// An .odt package laid out as LibreOffice writes one: mimetype stored first, then the XML.
std::string odt_package(std::string_view content_xml, std::string_view mimetype = kTextMime) {
    ZipWriter w;
    w.add("mimetype", mimetype, false);
    w.add("content.xml", content_xml);
    w.add(
        "META-INF/manifest.xml",
        R"(<?xml version="1.0" encoding="UTF-8"?>)"
        R"(<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">)"
        R"(<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>)"
        R"(<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>)"
        R"(</manifest:manifest>)");
    return w.finish();
}

Document read_body(std::string_view body, const OdtLimits& limits = {}) {
    return read_odt(odt_package(content(body)), limits);
}

std::vector<std::string> texts(const Document& d) {
    std::vector<std::string> out;
    for (const auto& p : d.paragraphs) out.push_back(p.text);
    return out;
}
std::vector<ParagraphKind> kinds(const Document& d) {
    std::vector<ParagraphKind> out;
    for (const auto& p : d.paragraphs) out.push_back(p.kind);
    return out;
}

using Strings = std::vector<std::string>;
using K = ParagraphKind;

// The code of the sanding::Error that f throws; its message must say something.
std::string code_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        EXPECT_FALSE(e.message().empty()) << e.code();
        return e.code();
    }
    return "";
}
std::string odt_code(std::string bytes, const OdtLimits& limits = {}) {
    return code_of([&] { read_odt(std::move(bytes), limits); });
}

std::string nested(std::string_view open, std::string_view close, int depth,
                   std::string_view inner) {
    std::string s;
    for (int i = 0; i < depth; ++i) s += open;
    s += inner;
    for (int i = 0; i < depth; ++i) s += close;
    return s;
}

OdtLimits depth_limit(std::size_t n) {
    OdtLimits l;
    l.max_depth = n;
    return l;
}
OdtLimits paragraph_limit(std::size_t n) {
    OdtLimits l;
    l.max_paragraphs = n;
    return l;
}

std::string temp_path(std::string_view name) {
    return (std::filesystem::path(testing::TempDir()) / name).string();
}

}  // namespace

// --- What is read ---------------------------------------------------------------------------

TEST(OdfReader, ReadsParagraphsAndHeadingsInOrder) {
    Document d = read_body(
        R"(<text:h text:outline-level="1">总则</text:h>)"
        R"(<text:p text:style-name="P1">第一条　为了规范管理，制定本规定。</text:p><text:p/>)");
    EXPECT_EQ(texts(d), (Strings{"总则", "第一条　为了规范管理，制定本规定。", ""}));
    EXPECT_EQ(kinds(d), (std::vector<K>{K::Heading, K::Body, K::Body}));
}

TEST(OdfReader, ReadsTextInsideNestedSpansAndLinks) {
    Document d = read_body(
        R"(<text:p>本<text:span text:style-name="T1">规定<text:span text:style-name="T2">自)"
        R"(</text:span></text:span><text:a xmlns:xlink="http://www.w3.org/1999/xlink" )"
        R"(xlink:href="https://example.org">发布</text:a>之日起施行。</text:p>)");
    EXPECT_EQ(texts(d), (Strings{"本规定自发布之日起施行。"}));
}

TEST(OdfReader, ExpandsTextSToItsCountOfSpaces) {
    EXPECT_EQ(texts(read_body(R"(<text:p>a<text:s text:c="3"/>b</text:p>)")), (Strings{"a   b"}));
}

TEST(OdfReader, ReadsTextSWithoutACountAsOneSpace) {
    EXPECT_EQ(texts(read_body(R"(<text:p>a<text:s/>b</text:p>)")), (Strings{"a b"}));
}

TEST(OdfReader, ReadsTabsAndLineBreaks) {
    EXPECT_EQ(texts(read_body(R"(<text:p>a<text:tab/>b<text:line-break/>c</text:p>)")),
              (Strings{"a\tb\nc"}));
}

TEST(OdfReader, CollapsesWhiteSpaceInCharacterData) {
    Document d = read_body(
        "<text:p>\n    a   b\n\t c <text:span> d</text:span></text:p>"
        "<text:p>  <text:span>  e</text:span>\r\n f</text:p>");
    EXPECT_EQ(texts(d), (Strings{"a b c d", "e f"}));
}

TEST(OdfReader, KeepsASpaceThatStandsAloneBetweenSpans) {
    Document d = read_body(R"(<text:p><text:span text:style-name="T1">Hello</text:span> )"
                           R"(<text:span text:style-name="T2">world</text:span></text:p>)");
    EXPECT_EQ(texts(d), (Strings{"Hello world"}));
}

TEST(OdfReader, KeepsWhiteSpaceAroundExplicitSpacesAsLibreOfficeDoes) {
    // Each expectation is what LibreOffice 7 shows for the same XML.
    Document d = read_body(
        "<text:p>a <text:s/> b</text:p><text:p>x<text:tab/> y</text:p>"
        "<text:p>x<text:line-break/>  y</text:p><text:p>x <text:span> </text:span> y</text:p>");
    EXPECT_EQ(texts(d), (Strings{"a   b", "x\t y", "x\n y", "x y"}));
}

TEST(OdfReader, ReadsParagraphsInListsAsListItems) {
    Document d = read_body(
        R"(<text:p>前</text:p>)"
        R"(<text:list text:style-name="L1">)"
        R"(<text:list-header><text:p>表头</text:p></text:list-header>)"
        R"(<text:list-item><text:p>一</text:p>)"
        R"(<text:list><text:list-item><text:p>一之一</text:p></text:list-item></text:list>)"
        R"(</text:list-item>)"
        R"(<text:list-item><text:h>二</text:h></text:list-item>)"
        R"(</text:list><text:p>后</text:p>)");
    EXPECT_EQ(texts(d), (Strings{"前", "表头", "一", "一之一", "二", "后"}));
    EXPECT_EQ(kinds(d), (std::vector<K>{K::Body, K::ListItem, K::ListItem, K::ListItem, K::ListItem,
                                        K::Body}));
}

TEST(OdfReader, ReadsTableCellsInDocumentOrder) {
    Document d = read_body(
        R"(<text:p>前</text:p>)"
        R"(<table:table table:name="T1"><table:table-column table:number-columns-repeated="2"/>)"
        R"(<table:table-header-rows><table:table-row>)"
        R"(<table:table-cell office:value-type="string"><text:p>名称</text:p></table:table-cell>)"
        R"(<table:table-cell><text:p>数量</text:p></table:table-cell>)"
        R"(</table:table-row></table:table-header-rows>)"
        R"(<table:table-row>)"
        R"(<table:table-cell><text:p>甲</text:p><text:p>乙</text:p></table:table-cell>)"
        R"(<table:table-cell><text:p>1</text:p></table:table-cell>)"
        R"(</table:table-row></table:table><text:p>后</text:p>)");
    EXPECT_EQ(texts(d), (Strings{"前", "名称", "数量", "甲", "乙", "1", "后"}));
    EXPECT_EQ(kinds(d), (std::vector<K>{K::Body, K::TableCell, K::TableCell, K::TableCell,
                                        K::TableCell, K::TableCell, K::Body}));
}

TEST(OdfReader, ReadsTheContentsOfSections) {
    Document d = read_body(
        R"(<text:section text:name="S1"><text:p>甲</text:p>)"
        R"(<text:section text:name="S2"><text:p>乙</text:p></text:section></text:section>)");
    EXPECT_EQ(texts(d), (Strings{"甲", "乙"}));
    EXPECT_EQ(kinds(d), (std::vector<K>{K::Body, K::Body}));
}

TEST(OdfReader, LeavesOutDeletedTrackedChangesAndKeepsInsertedText) {
    Document d = read_body(
        R"(<text:tracked-changes text:track-changes="true">)"
        R"(<text:changed-region text:id="ct1"><text:deletion><office:change-info>)"
        R"(<dc:creator>张三</dc:creator><dc:date>2024-01-01T00:00:00</dc:date></office:change-info>)"
        R"(<text:p>被删除的文字</text:p></text:deletion></text:changed-region>)"
        R"(<text:changed-region text:id="ct2"><text:insertion><office:change-info>)"
        R"(<dc:creator>张三</dc:creator><dc:date>2024-01-01T00:00:00</dc:date></office:change-info>)"
        R"(</text:insertion></text:changed-region></text:tracked-changes>)"
        R"(<text:p>本规定<text:change text:change-id="ct1"/>自<text:change-start text:change-id="ct2"/>)"
        R"(公布<text:change-end text:change-id="ct2"/>之日起施行。</text:p>)");
    EXPECT_EQ(texts(d), (Strings{"本规定自公布之日起施行。"}));
}

TEST(OdfReader, LeavesOutFootnotesAndComments) {
    Document d = read_body(
        R"(<text:p>正文<text:note text:id="ftn1" text:note-class="footnote">)"
        R"(<text:note-citation>1</text:note-citation><text:note-body><text:p>脚注</text:p></text:note-body>)"
        R"(</text:note>继续<office:annotation office:name="c1"><dc:creator>李四</dc:creator>)"
        R"(<text:p>批注</text:p></office:annotation>结束<office:annotation-end office:name="c1"/></text:p>)");
    EXPECT_EQ(texts(d), (Strings{"正文继续结束"}));
}

TEST(OdfReader, ReadsTheSameWhateverPrefixTheTextNamespaceIsBoundTo) {
    const std::string ours =
        content(R"(<text:h>标题</text:h><text:p>a<text:s text:c="2"/>b<text:tab/>c</text:p>)"
                R"(<text:list><text:list-item><text:p>项</text:p></text:list-item></text:list>)");
    const std::string theirs =
        R"(<?xml version="1.0" encoding="UTF-8"?>)"
        R"(<o:document-content xmlns:o="urn:oasis:names:tc:opendocument:xmlns:office:1.0")"
        R"( xmlns:t="urn:oasis:names:tc:opendocument:xmlns:text:1.0">)"
        R"(<o:body><o:text><t:h>标题</t:h><t:p>a<t:s t:c="2"/>b<t:tab/>c</t:p>)"
        R"(<t:list><t:list-item><t:p>项</t:p></t:list-item></t:list></o:text></o:body></o:document-content>)";
    Document a = read_odt(odt_package(ours)), b = read_odt(odt_package(theirs));
    EXPECT_EQ(texts(b), texts(a));
    EXPECT_EQ(kinds(b), kinds(a));
    EXPECT_EQ(texts(a), (Strings{"标题", "a  b\tc", "项"}));
}

TEST(OdfReader, ReadsTemplatesMasterDocumentsAndWriterWebFiles) {
    for (const char* mime :
         {"application/vnd.oasis.opendocument.text-template",
          "application/vnd.oasis.opendocument.text-master",
          "application/vnd.oasis.opendocument.text-web"})  // an HTML import saved as .odt
        EXPECT_EQ(texts(read_odt(odt_package(content("<text:p>x</text:p>"), mime))), (Strings{"x"}))
            << mime;
}

TEST(OdfReader, ReadsAPackageWithoutAMimetypeEntry) {
    ZipWriter w;
    w.add("content.xml", content("<text:p>x</text:p>"));
    EXPECT_EQ(texts(read_odt(w.finish())), (Strings{"x"}));
}

TEST(OdfReader, ReadsAFile) {
    const std::string path = temp_path("sanding-odf-reader-good.odt");
    std::ofstream(path, std::ios::binary) << odt_package(content("<text:p>文件</text:p>"));
    EXPECT_EQ(texts(read_odt_file(path)), (Strings{"文件"}));
    std::filesystem::remove(path);
}

// --- What is refused ------------------------------------------------------------------------

TEST(OdfReader, RefusesAFileThatIsNotAZip) {
    EXPECT_EQ(odt_code(content("<text:p>x</text:p>")), "zip.not_zip");
}

TEST(OdfReader, RefusesATruncatedFile) {
    const std::string odt = odt_package(content("<text:p>x</text:p>"));
    EXPECT_EQ(odt_code(odt.substr(0, odt.size() / 2)), "zip.truncated");
}

TEST(OdfReader, RefusesAZipBomb) {
    EXPECT_EQ(odt_code(odt_package(std::string(50u << 20, ' '))), "zip.bomb");
}

TEST(OdfReader, RefusesEntryNamesThatEscapeThePackage) {
    for (const char* name : {"../evil.xml", "/etc/evil.xml", "Pictures/../../evil.xml"}) {
        ZipWriter w;
        w.add("mimetype", kTextMime, false);
        w.add("content.xml", content("<text:p>x</text:p>"));
        w.add(name, "x");
        EXPECT_EQ(odt_code(w.finish()), "zip.unsafe_name") << name;
    }
}

TEST(OdfReader, RefusesAPackageWithoutContentXml) {
    ZipWriter w;
    w.add("mimetype", kTextMime, false);
    w.add("styles.xml", "<x/>");
    EXPECT_EQ(odt_code(w.finish()), "odt.missing_content");
}

TEST(OdfReader, RefusesADoctypeWithEntities) {
    std::string doctype = R"(<!DOCTYPE office:document-content [<!ENTITY lol0 "lol">)";
    for (int i = 1; i <= 9; ++i)
        doctype += "<!ENTITY lol" + std::to_string(i) + " \"" +
                   nested("&lol" + std::to_string(i - 1) + ";", "", 10, "") + "\">";
    doctype += "]>";
    std::string laughs = content("<text:p>&lol9;</text:p>");
    laughs.insert(laughs.find("<office:document-content"), doctype);
    EXPECT_EQ(odt_code(odt_package(laughs)), "odt.doctype");
}

TEST(OdfReader, RefusesMalformedXml) {
    EXPECT_EQ(odt_code(odt_package(content("<text:p>unclosed</text:h>"))), "odt.bad_xml");
    EXPECT_EQ(odt_code(odt_package("")), "odt.bad_xml");
}

TEST(OdfReader, RefusesInvalidUtf8) {
    EXPECT_EQ(odt_code(odt_package(content("<text:p>ab\xff\xfe</text:p>"))), "odt.invalid_utf8");
    EXPECT_EQ(odt_code(odt_package(content("<text:p>\xC0\xAF</text:p>"))),
              "odt.invalid_utf8");  // overlong '/'
}

TEST(OdfReader, RefusesASpreadsheet) {
    const std::string sheet =
        std::string(R"(<?xml version="1.0" encoding="UTF-8"?><office:document-content)") +
        std::string(kNamespaces) +
        R"(><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell>)"
        R"(<text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>)"
        R"(</office:body></office:document-content>)";
    EXPECT_EQ(odt_code(odt_package(sheet, "application/vnd.oasis.opendocument.spreadsheet")),
              "odt.not_text");
    EXPECT_EQ(odt_code(odt_package(sheet)), "odt.not_text");  // even when the mimetype says text
}

TEST(OdfReader, RefusesXmlThatIsNotAnOdfDocument) {
    EXPECT_EQ(odt_code(odt_package("<html><body><p>x</p></body></html>")), "odt.not_odf");
}

TEST(OdfReader, RefusesNestingDeeperThanTheLimit) {
    const std::string sections =
        nested("<text:section>", "</text:section>", 20, "<text:p>x</text:p>");
    EXPECT_EQ(code_of([&] { read_body(sections, depth_limit(10)); }), "odt.too_deep");
    EXPECT_EQ(texts(read_body(sections, depth_limit(30))), (Strings{"x"}));

    const std::string spans =
        "<text:p>" + nested("<text:span>", "</text:span>", 300, "x") + "</text:p>";
    EXPECT_EQ(code_of([&] { read_body(spans); }), "odt.too_deep");
}

TEST(OdfReader, RefusesMoreParagraphsThanTheLimit) {
    const std::string four =
        "<text:p>1</text:p><text:p>2</text:p><text:p>3</text:p><text:p>4</text:p>";
    EXPECT_EQ(code_of([&] { read_body(four, paragraph_limit(3)); }), "odt.too_many_paragraphs");
    EXPECT_EQ(read_body(four, paragraph_limit(4)).paragraphs.size(), 4u);
}

TEST(OdfReader, RefusesMoreTextThanTheLimit) {
    // 23 bytes of XML for 1000 spaces: a small file must not become gigabytes of text.
    std::string spaces;
    for (int i = 0; i < 100; ++i) spaces += R"(<text:s text:c="1000"/>)";
    OdtLimits limits;
    limits.max_text_bytes = 100000;
    EXPECT_EQ(read_body("<text:p>" + spaces + "</text:p>", limits).paragraphs.at(0).text.size(),
              100000u);
    // Earlier paragraphs count too.
    EXPECT_EQ(
        code_of([&] { read_body("<text:p>x</text:p><text:p>" + spaces + "</text:p>", limits); }),
        "odt.too_much_text");
    limits.max_text_bytes = 99999;
    EXPECT_EQ(code_of([&] { read_body("<text:p>" + spaces + "</text:p>", limits); }),
              "odt.too_much_text");
}

TEST(OdfReader, NamesTheMissingFileItCannotOpen) {
    const std::string path = temp_path("sanding-odf-reader-no-such-file.odt");
    try {
        read_odt_file(path);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "io.cannot_open");
        EXPECT_EQ(e.where(), path);
        EXPECT_FALSE(e.message().empty());
    }
}

TEST(OdfReader, NamesTheFileAnErrorCameFrom) {
    const std::string path = temp_path("sanding-odf-reader-bad.odt");
    std::ofstream(path, std::ios::binary) << "this is not a zip";
    try {
        read_odt_file(path);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "zip.not_zip");
        EXPECT_EQ(e.where(), path);
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
    }
    std::filesystem::remove(path);
}
