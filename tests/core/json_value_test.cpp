// The small JSON reader core uses for bundle manifests: strict, bounded, never crashes on a missing
// member.
#include <gtest/gtest.h>

#include "sanding/error.hpp"
#include "sanding/json_value.hpp"

namespace sanding {
namespace {

TEST(JsonValue, ReadsObjectsArraysStringsAndIntegers) {
    JsonValue v =
        parse_json(R"( {"a": [1, -2, "x\u00e9\ud83d\ude00\n"], "b": {"c": true, "d": null}} )");
    ASSERT_TRUE(v.is(JsonValue::Kind::Object));
    EXPECT_EQ(v["a"].items.at(1).integer, -2);
    EXPECT_EQ(v["a"].items.at(2).text, "x\xc3\xa9\xf0\x9f\x98\x80\n");
    EXPECT_TRUE(v["b"]["c"].boolean);
    EXPECT_TRUE(v["missing"]["deeper"].is(JsonValue::Kind::Null));
}

TEST(JsonValue, RefusesWhatIsNotStrictJson) {
    for (const char* bad : {"", "{", "[1,]", "{\"a\":1,}", "01", "1.5", "\"\\x\"", "\"\x01\"",
                            "[1] 2", "\"\\udc00\"", "nul"})
        EXPECT_THROW(parse_json(bad), Error) << bad;
    EXPECT_THROW(parse_json(std::string(100, '[') + std::string(100, ']')), Error);
    try {
        parse_json(R"({"a":1,"a":2})");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "json.duplicate_key");
    }
}

}  // namespace
}  // namespace sanding
