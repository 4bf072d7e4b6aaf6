// libFuzzer: any bytes as a collected bundle given to `sanding verify`: a report, never a crash.
#include <cstdint>
#include <string>

#include "sanding/bundle.hpp"
#include "sanding/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)sanding::verify_bundle(std::string(reinterpret_cast<const char*>(data), size));
    } catch (const sanding::Error&) {
    }
    return 0;
}
