// libFuzzer: any bytes as JSON for core's strict reader (a bundle's manifest, audit details),
// then read as an audit entry's detail the way the audit page shows it.
#include <cstdint>
#include <string_view>

#include "sanding/audit_text.hpp"
#include "sanding/error.hpp"
#include "sanding/json_value.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const auto v = sanding::parse_json(text);
        (void)v["items"]["path"];
    } catch (const sanding::Error&) {
    }
    (void)sanding::audit_detail_text("workflow.return", text);
    return 0;
}
