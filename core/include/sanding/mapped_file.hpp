// A file's bytes mapped into memory rather than copied (why: docs/performance.md); files that
// cannot be mapped (a pipe) are read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sanding {

class MappedFile {
public:
    // Error io.cannot_open, io.too_large (more than max_bytes) or io.read_failed, naming the path.
    MappedFile(const std::string& path, std::size_t max_bytes);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::string_view bytes() const {
        return mapped_ ? std::string_view(static_cast<const char*>(mapped_), size_) : copy_;
    }

private:
    void* mapped_ = nullptr;
    std::size_t size_ = 0;
    std::string copy_;  // when not mapped
};

}  // namespace sanding
