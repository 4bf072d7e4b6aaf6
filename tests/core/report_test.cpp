// The JSON report as a program reads it: strings escaped, and for plain text every finding's
// offsets counted from the start of the file, also when a large report is written in pieces.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "sanding/check/checker.hpp"
#include "sanding/check/report.hpp"
#include "sanding/text.hpp"
#include "sanding/text_input.hpp"

using namespace sanding;

TEST(ReportJson, EscapesWhatJsonRequires) {
    std::string out;
    json_string(out, "第一条“引号”\"a\\b\nc\td\r\x01\x1f。");
    EXPECT_EQ(out, "\"第一条“引号”\\\"a\\\\b\\nc\\td\\r\\u0001\\u001f。\"");
}

TEST(ReportJson, ManyFindingsCarryTheirFileOffsets) {
    // 3,000 lines (over 256 KB: counted in pieces) of Chinese with mixed line ends and a character
    // outside the BMP now and then; one finding per line, on its second character.
    std::string text;
    for (int k = 0; k < 3000; ++k) {
        text += (k % 7 == 0 ? "𠀀" : "第") + std::string("二三四五") + std::to_string(k) +
                std::string(90, 'x');
        text += k % 3 == 0 ? "\r\n" : "\n";
    }
    const Document doc = document_from_text(text);
    ASSERT_EQ(doc.paragraphs.size(), 3001u);
    ASSERT_GT(text.size(), 256u << 10);
    std::vector<Finding> findings;
    for (int k = 0; k < 3000; ++k) {
        Finding f;
        f.rule = "T01";
        f.message = "第 " + std::to_string(k) + " 行";
        f.paragraph = k;
        f.line = k + 1;
        const std::string& t = doc.paragraphs[static_cast<std::size_t>(k)].text;
        f.offset_utf8 = t.rfind("二", 6);
        f.length_utf8 = 3;
        f.offset_utf16 = utf16_length(t.substr(0, f.offset_utf8));
        f.length_utf16 = 1;
        findings.push_back(f);
    }
    const ParagraphViews paragraphs = views_of(doc);
    const std::string json = report_json(findings, {"corpus.txt", paragraphs, true, "", {}});
    // Read in place from the text (counted in one pass over its bytes): the same report; and the
    // same when the source given does not hold the views (then counted one by one).
    const TextParagraphs in_place = text_paragraphs(text);
    ASSERT_EQ(in_place.size(), paragraphs.size());
    EXPECT_EQ(report_json(findings, {"corpus.txt", in_place, true, "", text}), json);
    EXPECT_EQ(report_json(findings, {"corpus.txt", in_place, true, "",
                                     std::string_view(text).substr(0, 1000)}),
              json);
    EXPECT_EQ(json.rfind("{\"findings\":[{\"rule\":\"T01\"", 0), 0u);
    EXPECT_EQ(json.find(",,"), std::string::npos);
    EXPECT_EQ(json.find("[,"), std::string::npos);
    EXPECT_EQ(json.find(",]"), std::string::npos);
    std::size_t at = 0;
    for (int k = 0; k < 3000; ++k) {
        at = json.find("{\"rule\":", at);
        ASSERT_NE(at, std::string::npos) << k;
        const std::string one = json.substr(at, json.find('}', at) - at);
        const std::size_t byte =
            doc.paragraphs[static_cast<std::size_t>(k)].source_offset + findings[k].offset_utf8;
        const std::size_t unit = utf16_length(std::string_view(text).substr(0, byte));
        EXPECT_NE(one.find("\"message\":\"第 " + std::to_string(k) + " 行\""), std::string::npos)
            << one;
        EXPECT_NE(one.find("\"offset_utf8\":" + std::to_string(byte) + ","), std::string::npos)
            << one;
        EXPECT_NE(one.find("\"offset_utf16\":" + std::to_string(unit) + ","), std::string::npos)
            << one;
        ASSERT_EQ(text.substr(byte, 3), "二");
        ++at;
    }
    EXPECT_EQ(json.find("{\"rule\":", at), std::string::npos);
    EXPECT_NE(json.find("\"total\":3000"), std::string::npos);
}

// A corpus with findings in a few of its lines only (the first and the last, runs of lines with
// none, a line with two): each finding's UTF-16 offset counts every character before it in the
// file, characters outside the BMP as two units, and a byte-order mark as none.
TEST(ReportJson, FindingsInFewLinesCarryTheirFileOffsets) {
    std::string text = "\xEF\xBB\xBF";
    for (int k = 0; k < 6000; ++k) {
        text +=
            (k % 5 == 0 ? "𠀀第" : "第") + std::string("二三四五") + std::string(k % 40 + 10, 'x');
        text += k % 4 == 0 ? "\r\n" : "\n";
    }
    const TextParagraphs paragraphs = text_paragraphs(text);
    ASSERT_GT(text.size(), 256u << 10);  // counted in pieces
    std::vector<int> lines = {0, 1, 1, 2, 97, 2999, 3000, 3001, 4444, 5999};
    for (int k = 100; k < 6000; k += 731) lines.push_back(k);
    std::sort(lines.begin(), lines.end());
    std::vector<Finding> findings;
    for (int k : lines) {
        Finding f;
        f.rule = "T02";
        f.paragraph = k;
        f.offset_utf8 = paragraphs[static_cast<std::size_t>(k)].text.find("二");
        f.length_utf8 = 3;
        f.offset_utf16 =
            utf16_length(paragraphs[static_cast<std::size_t>(k)].text.substr(0, f.offset_utf8));
        f.length_utf16 = 1;
        findings.push_back(f);
    }
    const std::string json = report_json(findings, {"corpus.txt", paragraphs, true, "", text});
    // The same report from the paragraphs counted one by one (no source to count over).
    EXPECT_EQ(report_json(findings, {"corpus.txt", paragraphs, true, "", {}}), json);
    std::u16string units;
    std::size_t at = 0;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        at = json.find("{\"rule\":", at);
        ASSERT_NE(at, std::string::npos) << i;
        const std::string one = json.substr(at, json.find('}', at) - at);
        const std::size_t byte =
            paragraphs[static_cast<std::size_t>(findings[i].paragraph)].source_offset +
            findings[i].offset_utf8;
        ASSERT_EQ(text.substr(byte, 3), "二");
        // Units before the finding, the mark not counted: 𠀀 two, every other character one.
        std::size_t unit = 0;
        for (std::size_t b = 3; b < byte; ++b) {
            const auto c = static_cast<unsigned char>(text[b]);
            unit += (c & 0xC0) != 0x80 ? (c >= 0xF0 ? 2 : 1) : 0;
        }
        EXPECT_NE(one.find("\"offset_utf8\":" + std::to_string(byte) + ","), std::string::npos)
            << one;
        EXPECT_NE(one.find("\"offset_utf16\":" + std::to_string(unit) + ","), std::string::npos)
            << one;
        ++at;
    }
}

// Where each line of a text starts in UTF-16 units, as text_paragraphs gives them for every line
// end (\n, noted in passing on a CPU with AVX2, and \r\n, counted after the split) and on every
// CPU: the units of everything before it, a character outside the BMP as two, a byte-order mark as
// none; over 256 KB (split in pieces) and small; the report then counts nothing and writes the
// same offsets as when it counts them itself.
TEST(ReportJson, LineStartsFoundWhileSplittingAreTheFileOffsets) {
    for (const bool large : {false, true}) {
        for (const std::string end : {"\n", "\r\n"}) {
            std::string text = "\xEF\xBB\xBF";
            for (int k = 0; k < (large ? 6000 : 40); ++k) {
                text +=
                    k % 9 == 0 ? "" : (k % 5 == 0 ? "𠀀第" : "第") + std::string(k % 40 + 40, 'x');
                text += end;
            }
            text += "末行";  // no line end after the last line
            if (large) {
                ASSERT_GT(text.size(), 256u << 10);  // split in pieces
            }
            std::vector<std::uint32_t> starts;
            const TextParagraphs views = text_paragraphs(text, &starts);
            EXPECT_EQ(views.size(), text_paragraphs(text).size());
            ASSERT_EQ(starts.size(), views.size()) << large << " " << end.size();
            for (std::size_t i = 0; i < views.size(); ++i)
                ASSERT_EQ(starts[i], utf16_length(std::string_view(text).substr(
                                         3, views[i].source_offset - 3)))
                    << large << " line " << i;
            std::vector<Finding> findings;
            for (std::size_t i = 0; i < views.size(); i += 7) {
                Finding f;
                f.rule = "T03";
                f.paragraph = static_cast<int>(i);
                findings.push_back(f);
            }
            EXPECT_EQ(report_json(findings, {"corpus.txt", views, true, "", text, starts}),
                      report_json(findings, {"corpus.txt", views, true, "", text}));
        }
    }
}
