#include "sanding/text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fixtures.hpp"

using namespace sanding;

namespace {
// Every string of one to max_pieces of the pieces, in every order.
std::vector<std::string> every_string_of(const std::vector<std::string>& pieces, int max_pieces) {
    std::vector<std::string> all, last = {""};
    for (int n = 1; n <= max_pieces; ++n) {
        std::vector<std::string> longer;
        for (const auto& s : last)
            for (const auto& p : pieces) longer.push_back(s + p);
        all.insert(all.end(), longer.begin(), longer.end());
        last = std::move(longer);
    }
    return all;
}
}  // namespace

TEST(ChineseNumeral, WritesTheFormsArticlesUse) {
    EXPECT_EQ(chinese_numeral(1), "一");
    EXPECT_EQ(chinese_numeral(10), "十");
    EXPECT_EQ(chinese_numeral(11), "十一");
    EXPECT_EQ(chinese_numeral(20), "二十");
    EXPECT_EQ(chinese_numeral(99), "九十九");
    EXPECT_EQ(chinese_numeral(105), "一百零五");
    EXPECT_EQ(chinese_numeral(110), "一百一十");
}

TEST(ChineseNumeral, ParsesEveryNumberItWrites) {
    for (int n = 1; n <= 999; ++n) EXPECT_EQ(parse_chinese_numeral(chinese_numeral(n)), n) << n;
}

TEST(ChineseNumeral, RefusesMalformedNumerals) {
    EXPECT_FALSE(parse_chinese_numeral("二十零"));  // M01's example
    EXPECT_FALSE(parse_chinese_numeral("十十"));
    EXPECT_FALSE(parse_chinese_numeral("一十一"));
    EXPECT_FALSE(parse_chinese_numeral("条"));
    EXPECT_FALSE(parse_chinese_numeral("零"));
    EXPECT_FALSE(parse_chinese_numeral("〇"));
    EXPECT_FALSE(parse_chinese_numeral("百"));
    EXPECT_FALSE(parse_chinese_numeral("1a2"));
    EXPECT_FALSE(parse_chinese_numeral("1\u00B2"));  // three bytes, two characters
    EXPECT_FALSE(parse_chinese_numeral(""));
    EXPECT_EQ(parse_chinese_numeral("11"), 11);
}

// Every string of one to three numeral characters (and 条, a character that is none) reads as
// the number whose spelling it is (〇 for 零 too), and as nothing when it spells none: the
// short forms the recogniser reads most are read by a path of their own.
TEST(ChineseNumeral, ShortStringsReadAsExactlyTheNumbersTheySpell) {
    const std::vector<std::string> chars = {"零", "〇", "一", "二", "三", "四", "五", "六",
                                            "七", "八", "九", "十", "百", "千", "条"};
    std::map<std::string, int> spelled;
    for (int n = 1; n <= 999; ++n) {
        const std::string s = chinese_numeral(n);
        spelled[s] = n;
        for (std::size_t at = s.find("零"); at != std::string::npos; at = s.find("零", at + 1))
            spelled[s.substr(0, at) + "〇" + s.substr(at + 3)] = n;
    }
    for (const auto& s : every_string_of(chars, 3)) {
        const auto it = spelled.find(s);
        EXPECT_EQ(parse_chinese_numeral(s),
                  it == spelled.end() ? std::nullopt : std::optional<int>(it->second))
            << s;
    }
}

// The validator notes each \n with the UTF-16 units before it, at every place of its 32-byte
// blocks and of the short last one, after ASCII, Chinese, two-byte characters and characters
// outside the BMP alike (where the CPU has AVX2, for texts of 64 bytes or more; elsewhere nothing
// is noted).
TEST(Utf8, LineFeedsAreNotedWithTheUnitsBeforeThem) {
    const bool vectors = test::avx2_paths();
    for (const std::string filler : {"a", "统", "𠀀", "é"}) {
        for (std::size_t every = 1; every <= 40; every += 3) {
            std::string text;
            for (std::size_t k = 0; text.size() < 140; ++k)
                text += k % every == every - 1 ? "\n" : filler;
            // From 64 bytes: shorter texts are validated byte by byte.
            for (std::size_t cut = 64; cut <= text.size(); ++cut) {
                if (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
                    continue;  // not inside a character
                const std::string_view s(text.data(), cut);
                const std::string where =
                    filler + " every " + std::to_string(every) + " cut " + std::to_string(cut);
                std::vector<LineFeed> feeds;
                LineBreaks breaks;
                breaks.feeds = &feeds;
                ASSERT_TRUE(is_valid_utf8(s, nullptr, &breaks)) << where;
                if (!vectors) {
                    EXPECT_FALSE(breaks.noted) << where;
                    continue;
                }
                ASSERT_TRUE(breaks.noted) << where;
                std::vector<std::pair<std::uint32_t, std::uint32_t>> got, expected;
                for (const LineFeed& f : feeds) got.push_back({f.at, f.units});
                for (std::size_t i = 0; i < s.size(); ++i)
                    if (s[i] == '\n')
                        expected.push_back(
                            {static_cast<std::uint32_t>(i),
                             static_cast<std::uint32_t>(utf16_length(s.substr(0, i)))});
                EXPECT_EQ(got, expected) << where;
                EXPECT_EQ(breaks.units, utf16_length(s)) << where;
                EXPECT_EQ(breaks.line_feeds, expected.size()) << where;
            }
        }
    }
}

TEST(Utf8, ValidatesAndReportsTheFirstBadByte) {
    std::size_t bad = 0;
    EXPECT_TRUE(is_valid_utf8("第一条　根据《决定》，制定本规定。"));
    EXPECT_FALSE(is_valid_utf8("abc\xff", &bad));
    EXPECT_EQ(bad, 3u);
    EXPECT_FALSE(is_valid_utf8("\xc0\xaf", &bad));      // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80", &bad));  // surrogate
    EXPECT_FALSE(is_valid_utf8("\xe4\xb8", &bad));      // truncated 中
    EXPECT_EQ(bad, 0u);
}

// Runs of Chinese characters are validated two at a time; a bad sequence anywhere in or after
// such a run is still found at its first byte.
TEST(Utf8, BadSequencesInsideRunsOfChineseAreFound) {
    const std::string bad[] = {"\xE4\xB8", "\xE4\x41\x80", "\xED\xA0\x80",    "\xE0\x80\x80",
                               "\x80",     "\xFF",         "\xF5\x80\x80\x80"};
    for (const auto& b : bad) {
        for (int before = 0; before < 9; ++before) {
            std::string text = std::string(static_cast<std::size_t>(before % 3), 'a');
            for (int k = 0; k < before + 3; ++k) text += "中";
            const std::size_t at = text.size();
            text += b;
            text += "文字文字文字";
            std::size_t found = 0;
            EXPECT_FALSE(is_valid_utf8(text, &found)) << before;
            EXPECT_EQ(found, at) << before;
        }
    }
    std::string good;
    for (int k = 0; k < 50; ++k)
        good += "中\xED\x9F\xBF\xE0\xA0\x80文，a";  // ED and E0 at their limits are valid
    EXPECT_TRUE(is_valid_utf8(good));
}

namespace {

// UTF-8 as the Unicode Standard's table of well-formed byte sequences (3.9, table 3-7) defines it,
// one sequence at a time: what the vector path of is_valid_utf8 is held to.
bool well_formed(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const unsigned c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned lo = 0x80, hi = 0xBF;  // the second byte's range
        if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c == 0xE0)
            len = 3, lo = 0xA0;
        else if (c == 0xED)
            len = 3, hi = 0x9F;
        else if (c >= 0xE1 && c <= 0xEF)
            len = 3;
        else if (c == 0xF0)
            len = 4, lo = 0x90;
        else if (c >= 0xF1 && c <= 0xF3)
            len = 4;
        else if (c == 0xF4)
            len = 4, hi = 0x8F;
        else
            return false;
        if (i + len > s.size()) return false;
        const unsigned second = static_cast<unsigned char>(s[i + 1]);
        if (second < lo || second > hi) return false;
        for (std::size_t k = 2; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

}  // namespace

// Texts of 64 bytes or more are validated 32 bytes at a time where the CPU allows: every pair of
// bytes followed by (non-)continuations, at block edges and at the very end, is judged as the
// standard judges it.
TEST(Utf8, EveryBytePairAtEveryBlockEdgeIsJudgedAsTheStandardSays) {
    const unsigned char after[] = {0x41, 0x80, 0xBF};
    int wrong = 0;
    for (std::size_t size : {std::size_t{96}, std::size_t{100}}) {
        for (std::size_t at : {std::size_t{0}, std::size_t{30}, std::size_t{31}, std::size_t{63},
                               size - 3, size - 2}) {
            for (unsigned b1 = 0; b1 < 256; ++b1) {
                for (unsigned b2 = 0; b2 < 256; ++b2) {
                    for (unsigned char b3 : after) {
                        for (unsigned char b4 : after) {
                            std::string text(size, 'a');
                            const unsigned char bytes[] = {static_cast<unsigned char>(b1),
                                                           static_cast<unsigned char>(b2), b3, b4};
                            for (std::size_t k = 0; k < 4 && at + k < size; ++k)
                                text[at + k] = static_cast<char>(bytes[k]);
                            if (is_valid_utf8(text) != well_formed(text) && ++wrong <= 5)
                                ADD_FAILURE()
                                    << "size " << size << " at " << at << ": " << std::hex << b1
                                    << ' ' << b2 << ' ' << unsigned{b3} << ' ' << unsigned{b4};
                        }
                    }
                }
            }
        }
    }
    EXPECT_EQ(wrong, 0);
}

// Chinese-like text of every width of character, with one byte changed: the vector and the
// standard's verdicts agree, and a bad text's first bad byte is still named.
TEST(Utf8, RandomTextsWithOneByteChangedAreJudgedAsTheStandardSays) {
    const std::string characters[] = {"a",  "\n",         "é",         "\u07FF", "中",
                                      "，", "\u0800",     "\uD7FF",    "\uE000", "\uFFFD",
                                      "𠀀", "\U0010FFFF", "\U00010000"};
    std::uint32_t seed = 12345;
    auto next = [&] { return seed = seed * 1103515245u + 12345u, seed >> 8; };
    int invalid = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        const std::size_t size = 64 + next() % 200;
        while (text.size() < size) text += characters[next() % std::size(characters)];
        ASSERT_TRUE(is_valid_utf8(text));
        text[next() % text.size()] = static_cast<char>(next() & 0xFF);
        const bool expected = well_formed(text);
        std::size_t bad = 0;
        ASSERT_EQ(is_valid_utf8(text, &bad), expected) << round;
        if (!expected) {
            ++invalid;
            EXPECT_TRUE(well_formed(std::string_view(text).substr(0, bad))) << round;
            EXPECT_FALSE(well_formed(std::string_view(text).substr(bad))) << round;
        }
    }
    EXPECT_GT(invalid, 5000);  // most changes break the text: the test saw many bad ones
}

TEST(HoldsAt, ComparesInPlaceAndNeverPastTheEnd) {
    const std::string_view s = "第一条　根据";
    EXPECT_TRUE(holds_at(s, 0, "第"));
    EXPECT_TRUE(holds_at(s, 9, "\u3000"));
    EXPECT_FALSE(holds_at(s, 9, "："));
    EXPECT_TRUE(holds_at(s, s.size(), ""));
    EXPECT_FALSE(holds_at(s, s.size() - 1, "据"));  // would run past the end
    EXPECT_FALSE(holds_at(s, s.size() + 1, ""));
    EXPECT_EQ(first_held_at(s, 9, "：", "\u3000", "、"), "\u3000");
    EXPECT_EQ(first_held_at(s, 3, "：", "、"), "");
    EXPECT_TRUE(starts_with(s, "第一条") && !starts_with("第", "第一条"));
    EXPECT_TRUE(ends_with(s, "根据") && !ends_with("据", "根据"));
}

// Line breaks are looked for many bytes at a time: from every start, in texts of every length
// up to a few blocks, the first \n or \r is the one a byte-by-byte walk finds.
TEST(LineBreak, FirstLineFeedOrCarriageReturnFromEveryStart) {
    for (std::size_t size = 0; size < 100; ++size) {
        for (std::size_t at :
             {size / 3, size - size / 4, size}) {  // one break, or none (at == size)
            std::string text(size, 'x');
            for (std::size_t k = 0; k < size; k += 7)
                text[k] = static_cast<char>(0xE4);  // not a break
            if (at < size) text[at] = size % 2 ? '\r' : '\n';
            for (std::size_t from = 0; from <= size; ++from) {
                std::size_t expected = from;
                while (expected < size && text[expected] != '\n' && text[expected] != '\r')
                    ++expected;
                ASSERT_EQ(find_line_break(text, from), expected)
                    << size << " " << at << " " << from;
            }
        }
    }
}

// The units before many offsets in one pass: at every character boundary of a text of every
// width of character, what counting each prefix gives.
TEST(Utf8, Utf16LengthsAtManyOffsetsAreThoseOfEachPrefix) {
    const std::string pieces[] = {"a", "é", "第", "𠀀", "，", "\n"};
    std::string text;
    for (int k = 0; k < 500; ++k) text += pieces[(k * 7 + k / 5) % 6];
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i <= text.size(); ++i)
        if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
            at.push_back(i);
    std::vector<std::size_t> got(at.size());
    utf16_lengths_at(text, at.data(), at.size(), got.data());
    for (std::size_t k = 0; k < at.size(); ++k)
        ASSERT_EQ(got[k], utf16_length(std::string_view(text).substr(0, at[k]))) << at[k];
    // A few offsets far apart, and the last at the very end.
    const std::size_t few[] = {0, 100, 101, text.size()};
    std::size_t counts[4];
    utf16_lengths_at(text, few, 4, counts);
    for (std::size_t k = 0; k < 4; ++k)
        EXPECT_EQ(counts[k], utf16_length(std::string_view(text).substr(0, few[k])));
}

TEST(Utf8, CountsUtf16UnitsLikeLibreOffice) {
    EXPECT_EQ(utf16_length("abc"), 3u);
    EXPECT_EQ(utf16_length("第一条"), 3u);
    EXPECT_EQ(utf16_length("𠀀"), 2u);  // outside the BMP: a surrogate pair
    // Longer text, counted eight bytes at a time: every mix of 1-, 2-, 3- and 4-byte characters
    // at every alignment, against the code points decoded one by one.
    const std::string pieces[] = {"a", "é", "第", "𠀀", "，", "\n"};
    std::string text;
    for (int k = 0; k < 300; ++k) text += pieces[(k * 7 + k / 5) % 6];
    for (std::size_t from = 0; from < 16; ++from) {
        std::string_view s = std::string_view(text).substr(from);
        while (!s.empty() && (static_cast<unsigned char>(s[0]) & 0xC0) == 0x80) s.remove_prefix(1);
        std::size_t expected = 0;
        for (std::size_t i = 0; i < s.size();) expected += next_code_point(s, i) > 0xFFFF ? 2 : 1;
        EXPECT_EQ(utf16_length(s), expected) << "from byte " << from;
    }
    // Long runs of one kind of character (many blocks of sixteen, and more than 127 of them).
    for (const auto& piece : pieces) {
        std::string run;
        for (int k = 0; k < 3000; ++k) run += piece;
        EXPECT_EQ(utf16_length(run), piece == "𠀀" ? 6000u : 3000u) << piece;
    }
}

// trim_front leaves the end as it is, and is empty exactly when trim is: for every string of up
// to four pieces of white space and text.
TEST(Trim, FrontOnlyIsBlankExactlyWhenTrimIs) {
    EXPECT_EQ(trim_front("\u3000 \u00a0正文 \u3000"), "正文 \u3000");
    const std::vector<std::string> pieces = {" ", "\t", "\n", "\r", "\u3000", "\u00a0", "正", "a"};
    for (const auto& s : every_string_of(pieces, 4)) {
        EXPECT_EQ(trim_front(s).empty(), trim(s).empty()) << s;
        EXPECT_EQ(trim_front(s).substr(0, trim(s).size()), trim(s)) << s;
    }
}

TEST(Trim, RemovesIdeographicSpaces) {
    EXPECT_EQ(trim("\u3000\u3000正文 "), "正文");
    EXPECT_EQ(trim("   "), "");
}

// rfind_bytes agrees with std::string_view::rfind for every needle and every bound.
TEST(FindBytes, BackwardsAgreesWithRfindEverywhere) {
    std::string text;
    for (int k = 0; k < 30; ++k)
        text += (k % 7 == 3) ? "；股级领导职数" : (k % 5 == 1) ? "，" : "设局长x";
    for (const std::string& needle : std::vector<std::string>{"x", "；", "，", "设", "领导职数",
                                                              "设局长x设", "不存在", "", text}) {
        for (std::size_t before = 0; before <= text.size() + 1; ++before)
            ASSERT_EQ(rfind_bytes(text, needle, before),
                      std::string_view(text).rfind(needle, before))
                << "needle “" << needle << "” before " << before;
        ASSERT_EQ(rfind_bytes(text, needle), std::string_view(text).rfind(needle)) << needle;
    }
}

// find_bytes looks at sixteen positions at a time: it must agree with std::string_view::find for
// every needle length, every start and every place of the match, including the text's last bytes.
TEST(FindBytes, AgreesWithFindEverywhere) {
    std::string text;
    for (int k = 0; k < 60; ++k)
        text += (k % 7 == 3) ? "主要职责是" : (k % 5 == 1) ? "，" : "内设机构x";
    const std::vector<std::string> needles = {"x",
                                              "xx",
                                              "主",
                                              "主要",
                                              "职责是",
                                              "主要职责是",
                                              "内设机构x主要职责是",
                                              "，内",
                                              "设机构x内设机构x内设机构x内设机构x",
                                              "不存在",
                                              text.substr(text.size() - 20),
                                              text};
    for (const auto& needle : needles) {
        for (std::size_t from = 0; from <= text.size() + 1; from += 1) {
            for (std::size_t cut : {text.size(), text.size() - 1, text.size() - 17}) {
                const std::string_view hay = std::string_view(text).substr(0, cut);
                const std::size_t expected =
                    from > hay.size() ? std::string_view::npos : hay.find(needle, from);
                ASSERT_EQ(find_bytes(hay, needle, from), expected)
                    << "needle “" << needle << "” from " << from << " in " << cut;
            }
        }
    }
}

// A mark and its ASCII twin, which web copies carry: found alike, the first of the two wins, and
// its size says which it was.
TEST(Text, FindMarkTakesTheFullWidthMarkOrItsAsciiTwin) {
    const std::string s = "局(以下简称区局）为正科级：设局长1名,副局长2名";
    EXPECT_EQ(find_mark(s, "（").at, s.find('('));
    EXPECT_EQ(find_mark(s, "（").size, 1u);
    EXPECT_EQ(find_mark(s, "）").at, s.find("）"));
    EXPECT_EQ(find_mark(s, "）").size, 3u);
    EXPECT_EQ(find_mark(s, "，").at, s.find(','));
    EXPECT_EQ(find_mark(s, "：", s.find("：") + 1).at, std::string::npos);
    EXPECT_EQ(find_mark(s, "；").at, std::string::npos);
    EXPECT_EQ(mark_at(s, s.find('('), "（"), "(");
    EXPECT_EQ(mark_at(s, s.find("）"), "）"), "）");
    EXPECT_EQ(mark_at(s, 0, "（"), "");
    EXPECT_EQ(find_mark(s, "（", s.size() + 5).at, std::string::npos);
}
