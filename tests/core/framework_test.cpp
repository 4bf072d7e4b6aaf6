// The round's time zone: the deadline day ends at 24:00 there; default 北京时间.
#include <gtest/gtest.h>

#include <string>

#include "sanding/error.hpp"
#include "sanding/file.hpp"
#include "sanding/framework.hpp"

namespace sanding {
namespace {

std::string demo() {
    return read_file(SANDING_TEMPLATES_DIR "/framework/demo-district.xml", 1u << 22);
}

std::string with_zone(const std::string& attribute) {
    std::string xml = demo();
    const std::string from = " time-zone=\"Asia/Shanghai\"";
    const auto at = xml.find(from);
    EXPECT_NE(at, std::string::npos);
    return xml.replace(at, from.size(), attribute);
}

TEST(RoundTimeZone, DefaultsToBeijingTimeWhenAbsent) {
    EXPECT_EQ(parse_framework(with_zone(""), "f.xml").round.time_zone, "Asia/Shanghai");
}

TEST(RoundTimeZone, TakesTheDeclaredZone) {
    EXPECT_EQ(parse_framework(with_zone(" time-zone=\"Asia/Urumqi\""), "f.xml").round.time_zone,
              "Asia/Urumqi");
}

TEST(RoundTimeZone, AnUnknownZoneIsAnErrorNamingTheAttributeAndValue) {
    try {
        parse_framework(with_zone(" time-zone=\"Mars/Olympus\""), "f.xml");
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code().rfind("framework.", 0), 0u) << e.code();
        const std::string m = e.what();
        EXPECT_NE(m.find("time-zone"), std::string::npos) << m;
        EXPECT_NE(m.find("Mars/Olympus"), std::string::npos) << m;
    }
}

}  // namespace
}  // namespace sanding

#include "sanding/ods_writer.hpp"
#include "sanding/zip.hpp"

namespace sanding {
namespace {

TEST(ProgressSheet, IsAnOdsPackageWithEscapedTextAndNumbersKeptAsNumbers) {
    Sheet sheet{"进度总览",
                {"序号", "机构"},
                {{1LL, std::string("区审计局\"><img src=x>\x01")}, {2LL, std::string("区财政局")}}};
    const ZipArchive zip(write_ods(sheet));
    ASSERT_FALSE(zip.entries().empty());
    EXPECT_EQ(zip.entries()[0].name, "mimetype");
    EXPECT_EQ(zip.entries()[0].method, 0);  // stored, as ODF requires
    EXPECT_EQ(zip.read("mimetype"), "application/vnd.oasis.opendocument.spreadsheet");
    const std::string content = zip.read("content.xml");
    EXPECT_NE(content.find("区审计局&quot;&gt;&lt;img src=x&gt;</text:p>"),
              std::string::npos);  // escaped, control char dropped
    EXPECT_NE(content.find("office:value-type=\"float\" office:value=\"2\""), std::string::npos);
    EXPECT_NE(content.find("table:name=\"进度总览\""), std::string::npos);
}

}  // namespace
}  // namespace sanding
