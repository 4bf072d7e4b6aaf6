// A bounded ZIP reader and a minimal ZIP writer: just what ODF packages need.
// Hand-written over zlib so that every size, count and name is checked before anything is
// inflated (an .odt comes from outside and may be hostile).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sanding {

struct ZipLimits {
    std::size_t max_archive_bytes = 64u << 20;  // the .odt itself
    std::size_t max_entries = 4096;             // entries in the central directory
    std::size_t max_entry_bytes = 64u << 20;    // one entry, uncompressed
    std::size_t max_total_bytes = 256u << 20;   // all entries, uncompressed
    std::size_t max_ratio = 1000;               // uncompressed / compressed, per entry
};

struct ZipEntry {
    std::string name;
    std::uint16_t method = 0;  // 0 stored, 8 deflated
    std::uint32_t crc32 = 0;
    std::uint64_t compressed_size = 0;
    std::uint64_t uncompressed_size = 0;
    std::uint64_t local_header_offset = 0;
};

// Reads an archive held in memory. Construction validates the central directory (entry count,
// names, declared sizes, offsets); read() inflates one entry within the limits and checks its CRC.
// Errors are sanding::Error with codes "zip.*".
class ZipArchive {
public:
    ZipArchive(std::string bytes, ZipLimits limits = {});

    const std::vector<ZipEntry>& entries() const { return entries_; }
    const ZipEntry* find(std::string_view name) const;
    // The uncompressed bytes of the named entry; throws zip.missing_entry when absent.
    std::string read(std::string_view name) const;

private:
    std::string bytes_;
    ZipLimits limits_;
    std::vector<ZipEntry> entries_;
};

// Writes entries in the order added, with a fixed timestamp so equal input gives equal bytes
// (heads sign exact bytes; a re-render must not change the hash by itself).
class ZipWriter {
public:
    // Stamps the entries added from now on with this local time (default 1980-01-01 00:00, for
    // equal bytes). A bundle's entries carry the real time of collection.
    void set_time(int year, int month, int day, int hour, int minute, int second);
    // Error zip.too_large when the entry, or the archive so far, passes what a ZIP without ZIP64
    // holds (4 GiB, 65,535 entries, a 65,535-byte name); nothing is added then.
    void add(std::string_view name, std::string_view data, bool compress = true);
    // The archive's bytes; the writer is empty after. Error zip.too_large past 4 GiB.
    std::string finish();

private:
    std::string out_;
    std::string central_;
    std::size_t count_ = 0;
    std::uint16_t time_ = 0, date_ = (0 << 9) | (1 << 5) | 1;
};

}  // namespace sanding
