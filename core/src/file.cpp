#include "sanding/file.hpp"

#include <fstream>

#include "sanding/error.hpp"

namespace sanding {

std::string read_file(const std::string& path, std::size_t max_bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("io.cannot_open", "无法打开文件", path);
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(in.tellg());
    if (size > max_bytes)
        throw Error("io.too_large",
                    "文件过大：" + std::to_string(size) + " 字节，上限 " +
                        std::to_string(max_bytes) + " 字节",
                    path);
    in.seekg(0);
    std::string bytes(size, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (!in) throw Error("io.read_failed", "读取文件失败", path);
    return bytes;
}

}  // namespace sanding
