// libFuzzer: any bytes as a ZIP archive; every entry it lists is read (inflated, CRC checked).
#include <cstdint>
#include <string>

#include "sanding/error.hpp"
#include "sanding/zip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        sanding::ZipLimits limits;
        limits.max_entry_bytes = limits.max_total_bytes = 8u << 20;  // keep one run's memory small
        const sanding::ZipArchive zip(std::string(reinterpret_cast<const char*>(data), size),
                                      limits);
        for (const auto& e : zip.entries()) {
            try {
                (void)zip.read(e.name);
            } catch (const sanding::Error&) {
            }
        }
    } catch (const sanding::Error&) {
    }
    return 0;
}
