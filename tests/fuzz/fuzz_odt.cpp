// libFuzzer: any bytes as an uploaded .odt. Refusing them is fine (sanding::Error); crashing,
// leaking, reading out of bounds or throwing anything else is not.
#include <cstdint>
#include <string>

#include "sanding/error.hpp"
#include "sanding/odf_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)sanding::read_odt(std::string(reinterpret_cast<const char*>(data), size));
    } catch (const sanding::Error&) {
    }
    return 0;
}
