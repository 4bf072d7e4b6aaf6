#include "build_id.hpp"

#include <elf.h>
#include <link.h>

#include <cstdint>
#include <cstring>

namespace sanding::cli {
namespace {

// The NT_GNU_BUILD_ID note among an object's PT_NOTE segments.
std::string build_id_note(const dl_phdr_info& info) {
    for (int i = 0; i < info.dlpi_phnum; ++i) {
        const ElfW(Phdr)& ph = info.dlpi_phdr[i];
        if (ph.p_type != PT_NOTE) continue;
        // The segment's address is the object's load address plus its offset: an integer by
        // definition.
        // NOLINTNEXTLINE(performance-no-int-to-ptr)
        const char* p = reinterpret_cast<const char*>(info.dlpi_addr + ph.p_vaddr);
        const char* end = p + ph.p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            ElfW(Nhdr) note;
            std::memcpy(&note, p, sizeof note);
            const char* name = p + sizeof note;
            const char* desc = name + ((note.n_namesz + 3) & ~3u);
            if (desc + note.n_descsz > end) break;
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 &&
                std::memcmp(name, "GNU", 4) == 0) {
                static const char* digits = "0123456789abcdef";
                std::string hex;
                for (std::size_t k = 0; k < note.n_descsz; ++k) {
                    const auto b = static_cast<unsigned char>(desc[k]);
                    hex += digits[b >> 4];
                    hex += digits[b & 15];
                }
                return hex;
            }
            p = desc + ((note.n_descsz + 3) & ~3u);
        }
    }
    return {};
}

}  // namespace

std::string own_build_id() {
    struct Search {
        std::uintptr_t address;
        std::string id;
    } search{reinterpret_cast<std::uintptr_t>(&own_build_id), {}};
    dl_iterate_phdr(
        [](dl_phdr_info* info, std::size_t, void* data) -> int {
            auto* s = static_cast<Search*>(data);
            for (int i = 0; i < info->dlpi_phnum; ++i) {
                const ElfW(Phdr)& ph = info->dlpi_phdr[i];
                const std::uintptr_t from = info->dlpi_addr + ph.p_vaddr;
                if (ph.p_type == PT_LOAD && s->address >= from && s->address < from + ph.p_memsz) {
                    s->id = build_id_note(*info);
                    return 1;  // the object holding this code: stop
                }
            }
            return 0;
        },
        &search);
    return search.id;
}

}  // namespace sanding::cli
