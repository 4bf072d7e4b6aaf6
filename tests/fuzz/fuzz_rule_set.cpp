// libFuzzer: any bytes as a rule file (templates/rules/*.xml), parsed with its examples.
#include <cstdint>
#include <string_view>

#include "sanding/check/rule.hpp"
#include "sanding/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)sanding::parse_rule_set(std::string_view(reinterpret_cast<const char*>(data), size),
                                      "fuzz.xml", true);
    } catch (const sanding::Error&) {
    }
    return 0;
}
