#pragma once
// Reading a whole file into memory, with a size limit.
#include <cstddef>
#include <string>

namespace sanding {

// The bytes of the file at path, if it holds at most max_bytes. Throws Error io.cannot_open,
// io.too_large (naming the size and the limit) or io.read_failed, each with the path.
std::string read_file(const std::string& path, std::size_t max_bytes);

}  // namespace sanding
