// libFuzzer: any bytes as a plain-text draft, checked with the project's rules against the demo
// framework — the path `sanding check` and POST /api/v1/check take.
#include <cstdint>
#include <memory>
#include <string_view>

#include "sanding/check/checker.hpp"
#include "sanding/error.hpp"
#include "sanding/framework.hpp"
#include "sanding/text_input.hpp"

namespace {
const sanding::Framework& framework() {
    static const sanding::Framework fw =
        sanding::load_framework(SANDING_TEMPLATES_DIR "/framework/demo-district.xml");
    return fw;
}
const sanding::Checker& checker() {
    static const sanding::Checker c =
        sanding::load_checker(sanding::rule_files_in(SANDING_TEMPLATES_DIR "/rules"), &framework());
    return c;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto paragraphs = sanding::text_paragraphs(text);
        (void)checker().check(paragraphs, {&framework(), "emergency"});
    } catch (const sanding::Error&) {
    }
    return 0;
}
