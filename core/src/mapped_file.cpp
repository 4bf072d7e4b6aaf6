#include "sanding/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sanding/error.hpp"
#include "sanding/file.hpp"

namespace sanding {

MappedFile::MappedFile(const std::string& path, std::size_t max_bytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error("io.cannot_open", "无法打开文件", path);
    struct stat st {};
    const bool known = ::fstat(fd, &st) == 0;
    if (known && S_ISDIR(st.st_mode)) {
        ::close(fd);
        throw Error("io.cannot_open", "这是一个目录，不是文件", path);
    }
    if (!known || !S_ISREG(st.st_mode) || st.st_size == 0) {
        ::close(fd);
        copy_ = read_file(path, max_bytes);  // not a regular file, or empty: read as before
        return;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size > max_bytes) {
        ::close(fd);
        throw Error("io.too_large",
                    "文件过大：" + std::to_string(size) + " 字节，上限 " +
                        std::to_string(max_bytes) + " 字节",
                    path);
    }
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);  // the mapping keeps the file
    if (p == MAP_FAILED) {
        copy_ = read_file(path, max_bytes);
        return;
    }
    mapped_ = p;
    size_ = size;
}

MappedFile::~MappedFile() {
    if (mapped_) ::munmap(mapped_, size_);
}

}  // namespace sanding
