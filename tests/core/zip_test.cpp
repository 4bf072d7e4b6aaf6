#include "sanding/zip.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <functional>

#include "sanding/error.hpp"

using namespace sanding;

namespace {

// Offsets into the ZIP records (APPNOTE 4.3.7, 4.3.12, 4.3.16).
constexpr std::size_t kLocalFlags = 6, kLocalUsize = 22, kLocalNameLen = 26, kLocalLen = 30;
constexpr std::size_t kCentralFlags = 8, kCentralUsize = 24;

std::uint32_t get32(const std::string& b, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(b[at + i]);
    return v;
}
void set16(std::string& b, std::size_t at, std::uint32_t v) {
    b[at] = static_cast<char>(v & 0xFF), b[at + 1] = static_cast<char>(v >> 8 & 0xFF);
}
void set32(std::string& b, std::size_t at, std::uint32_t v) {
    set16(b, at, v & 0xFFFF), set16(b, at + 2, v >> 16);
}
// Where the first central directory record starts (the end record is the last 22 bytes).
std::size_t central_of(const std::string& zip) {
    return get32(zip, zip.size() - 22 + 16);
}
// Where the first entry's data starts (it is the first local header, at 0).
std::size_t data_of(const std::string& zip) {
    return kLocalLen + static_cast<unsigned char>(zip[kLocalNameLen]);
}

std::string one_entry(std::string_view name, std::string_view data, bool compress = true) {
    ZipWriter w;
    w.add(name, data, compress);
    return w.finish();
}

// Runs f and returns the code of the sanding::Error it throws ("" when it throws nothing).
std::string code_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        EXPECT_FALSE(e.message().empty()) << e.code();
        return e.code();
    }
    return "";
}
std::string open_code(std::string bytes, ZipLimits limits = {}) {
    return code_of([&] { ZipArchive z(std::move(bytes), limits); });
}
// Opens the archive and reads every entry.
std::string read_all_code(std::string bytes, ZipLimits limits = {}) {
    return code_of([&] {
        ZipArchive z(std::move(bytes), limits);
        for (const auto& e : z.entries()) z.read(e.name);
    });
}

std::string text_of(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; s.size() < n; ++i)
        s += "第" + std::to_string(i) + "条　本规定自发布之日起施行。\n";
    s.resize(n);
    return s;
}

}  // namespace

TEST(Zip, RoundTripsStoredAndDeflatedEntries) {
    const std::string small = "application/vnd.oasis.opendocument.text";
    const std::string big = text_of(200000);
    ZipWriter w;
    w.add("mimetype", small, false);
    w.add("content.xml", big);
    w.add("META-INF/manifest.xml", "<manifest/>");
    w.add("empty-stored", "", false);
    w.add("empty-deflated", "");
    ZipArchive z(w.finish());

    ASSERT_EQ(z.entries().size(), 5u);
    EXPECT_EQ(z.entries()[0].name, "mimetype");
    EXPECT_EQ(z.entries()[0].method, 0);
    EXPECT_EQ(z.entries()[1].name, "content.xml");
    EXPECT_EQ(z.entries()[1].method, 8);
    EXPECT_LT(z.entries()[1].compressed_size, big.size());
    EXPECT_EQ(z.entries()[1].uncompressed_size, big.size());
    EXPECT_EQ(z.entries()[1].crc32,
              crc32(0L, reinterpret_cast<const Bytef*>(big.data()), big.size()));
    EXPECT_EQ(z.entries()[2].name, "META-INF/manifest.xml");

    EXPECT_EQ(z.read("mimetype"), small);
    EXPECT_EQ(z.read("content.xml"), big);
    EXPECT_EQ(z.read("META-INF/manifest.xml"), "<manifest/>");
    EXPECT_EQ(z.read("empty-stored"), "");
    EXPECT_EQ(z.read("empty-deflated"), "");
    EXPECT_NE(z.find("content.xml"), nullptr);
    EXPECT_EQ(z.find("styles.xml"), nullptr);
}

TEST(Zip, WritesTheSameBytesForTheSameInput) {
    EXPECT_EQ(one_entry("a.xml", "<a/>"), one_entry("a.xml", "<a/>"));
}

TEST(Zip, ReadingAnAbsentEntryIsAMissingEntryError) {
    ZipArchive z(one_entry("a.xml", "<a/>"));
    EXPECT_EQ(code_of([&] { z.read("b.xml"); }), "zip.missing_entry");
}

TEST(Zip, RefusesMoreEntriesThanTheLimit) {
    ZipWriter w;
    for (int i = 0; i < 5; ++i) w.add("e" + std::to_string(i), "x");
    const std::string zip = w.finish();
    EXPECT_EQ(open_code(zip, {.max_entries = 4}), "zip.too_many_entries");
    EXPECT_EQ(open_code(zip, {.max_entries = 5}), "");
}

TEST(Zip, RefusesAnEntryLargerThanTheLimit) {
    const std::string zip = one_entry("big.txt", text_of(10000));
    EXPECT_EQ(open_code(zip, {.max_entry_bytes = 9999}), "zip.bomb");
    EXPECT_EQ(read_all_code(zip, {.max_entry_bytes = 10000}), "");
}

TEST(Zip, RefusesEntriesWhoseTotalIsLargerThanTheLimit) {
    ZipWriter w;
    w.add("a.txt", text_of(6000));
    w.add("b.txt", text_of(6000));
    const std::string zip = w.finish();
    EXPECT_EQ(open_code(zip, {.max_entry_bytes = 6000, .max_total_bytes = 11999}), "zip.bomb");
    EXPECT_EQ(read_all_code(zip, {.max_entry_bytes = 6000, .max_total_bytes = 12000}), "");
}

TEST(Zip, RefusesAnArchiveLargerThanTheLimit) {
    const std::string zip = one_entry("a.txt", "hello");
    EXPECT_EQ(open_code(zip, {.max_archive_bytes = zip.size() - 1}), "zip.too_large");
}

TEST(Zip, RefusesAZipBombWithDefaultLimits) {
    const std::string bomb = one_entry("content.xml", std::string(50u << 20, '\0'));
    ASSERT_LT(bomb.size(), 100u << 10);  // 50 MB in well under 100 KB
    EXPECT_EQ(read_all_code(bomb), "zip.bomb");
}

TEST(Zip, RefusesAnEntryThatInflatesBeyondItsDeclaredSize) {
    std::string zip = one_entry("content.xml", text_of(100000));
    constexpr std::uint32_t kLie = 1000;
    set32(zip, kLocalUsize, kLie);
    set32(zip, central_of(zip) + kCentralUsize, kLie);
    ZipArchive z(zip);  // the declared sizes look harmless
    EXPECT_EQ(z.entries()[0].uncompressed_size, kLie);
    const std::string code = code_of([&] { z.read("content.xml"); });
    EXPECT_TRUE(code == "zip.bomb" || code == "zip.corrupt") << code;
}

TEST(Zip, RefusesAnEntryThatInflatesToLessThanItsDeclaredSize) {
    std::string zip = one_entry("content.xml", text_of(1000));
    set32(zip, kLocalUsize, 1500);
    set32(zip, central_of(zip) + kCentralUsize, 1500);
    EXPECT_EQ(read_all_code(zip), "zip.corrupt");
}

TEST(Zip, RefusesAStoredEntryWhoseDataDoesNotMatchItsCrc) {
    std::string zip = one_entry("a.txt", "hello, world", false);
    zip[data_of(zip) + 3] ^= 0x20;
    ASSERT_EQ(open_code(zip), "");
    EXPECT_EQ(read_all_code(zip), "zip.corrupt");
}

TEST(Zip, RefusesUnsafeEntryNames) {
    for (const char* name :
         {"../evil.xml", "/abs.xml", "a/../../b", "C:\\x", "..", "a\\..\\b", "\\abs"})
        EXPECT_EQ(open_code(one_entry(name, "x")), "zip.unsafe_name") << name;
    for (const char* name : {"META-INF/manifest.xml", "a..b", "..a/b", "Pictures/x.png"})
        EXPECT_EQ(open_code(one_entry(name, "x")), "") << name;
}

TEST(Zip, RefusesBytesThatAreNotAZip) {
    EXPECT_EQ(open_code(""), "zip.not_zip");
    EXPECT_EQ(open_code("PK"), "zip.not_zip");
    EXPECT_EQ(open_code("<?xml version=\"1.0\"?><office:document/>"), "zip.not_zip");
    EXPECT_EQ(open_code(std::string(1000, 'x')), "zip.not_zip");
}

TEST(Zip, RefusesATruncatedArchive) {
    ZipWriter w;
    w.add("mimetype", "application/vnd.oasis.opendocument.text", false);
    w.add("content.xml", text_of(5000));
    const std::string zip = w.finish();
    for (std::size_t cut = 1; cut + 4 <= zip.size(); ++cut)
        ASSERT_EQ(open_code(zip.substr(0, zip.size() - cut)), "zip.truncated") << "cut " << cut;
}

TEST(Zip, RefusesAnArchiveWithBytesMissingFromTheMiddle) {
    const std::string zip = one_entry("content.xml", text_of(5000));
    const std::size_t mid = data_of(zip) + 50;
    ASSERT_LT(mid + 200, central_of(zip));
    for (std::size_t gap : {1u, 10u, 200u})
        EXPECT_NE(read_all_code(zip.substr(0, mid) + zip.substr(mid + gap)), "") << "gap " << gap;
}

TEST(Zip, CorruptingAnyByteGivesAnErrorOrTheDataNeverACrash) {
    ZipWriter w;
    w.add("mimetype", "application/vnd.oasis.opendocument.text", false);
    w.add("content.xml", text_of(300));
    const std::string zip = w.finish();
    for (std::size_t i = 0; i < zip.size(); ++i) {
        for (unsigned char bit : {0x01, 0x80}) {
            std::string bad = zip;
            bad[i] = static_cast<char>(bad[i] ^ bit);
            read_all_code(bad);  // any sanding::Error is fine; anything else fails the test
        }
    }
}

TEST(Zip, RefusesEncryptedEntries) {
    std::string zip = one_entry("content.xml", "<secret/>");
    zip[kLocalFlags] |= 0x01;
    zip[central_of(zip) + kCentralFlags] |= 0x01;
    EXPECT_EQ(open_code(zip), "zip.encrypted");
}
