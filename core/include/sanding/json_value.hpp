// A small strict JSON reader for what core itself must read back (a bundle's manifest): objects,
// arrays, strings, integers, true/false/null. Bounded depth; no floats (none are written).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sanding {

// A parsed value; a missing member or index is an empty (null) value, never a crash.
struct JsonValue {
    enum class Kind { Null, Bool, Integer, String, Array, Object } kind = Kind::Null;
    bool boolean = false;
    long long integer = 0;
    std::string text;
    std::vector<JsonValue> items;                            // Array
    std::vector<std::pair<std::string, JsonValue>> members;  // Object, in document order

    // Special members defined where JsonValue is complete (clang checks pair<string, JsonValue>
    // for completeness at the class's end).
    JsonValue();
    JsonValue(const JsonValue&);
    JsonValue(JsonValue&&) noexcept;
    JsonValue& operator=(const JsonValue&);
    JsonValue& operator=(JsonValue&&) noexcept;
    ~JsonValue();

    // The member named `key`, or a null value when absent (or when this is not an object).
    const JsonValue& operator[](std::string_view key) const;
    bool is(Kind k) const { return kind == k; }
};

// Parses exactly one JSON value (whitespace around allowed). Throws Error json.invalid naming the
// byte offset; duplicate object keys are refused (json.duplicate_key), depth is at most 32.
JsonValue parse_json(std::string_view text);

}  // namespace sanding
