#include "sanding/zip.hpp"

#include <algorithm>

#include <zlib.h>

#include <cstdint>
#include <cstring>

#include "sanding/error.hpp"

namespace sanding {
namespace {

constexpr std::uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50;
constexpr std::size_t kLocalLen = 30, kCentralLen = 46, kEndLen = 22;

std::uint16_t u16(std::string_view b, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                      static_cast<unsigned char>(b[at + 1]) << 8);
}
std::uint32_t u32(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(u16(b, at)) | static_cast<std::uint32_t>(u16(b, at + 2))
                                                        << 16;
}
void put16(std::string& o, std::uint32_t v) {
    o += static_cast<char>(v & 0xFF);
    o += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& o, std::uint32_t v) {
    put16(o, v & 0xFFFF);
    put16(o, v >> 16);
}

[[noreturn]] void fail(const char* code, const std::string& msg) {
    throw Error(code, msg);
}

bool unsafe_name(std::string_view n) {
    if (n.empty() || n[0] == '/' || n[0] == '\\') return true;
    if (n.size() >= 2 && n[1] == ':') return true;  // C:\...
    if (n.find('\0') != n.npos || n.find('\\') != n.npos) return true;
    std::size_t start = 0;
    while (start <= n.size()) {
        std::size_t end = n.find('/', start);
        if (end == n.npos) end = n.size();
        if (n.substr(start, end - start) == "..") return true;
        start = end + 1;
    }
    return false;
}

}  // namespace

ZipArchive::ZipArchive(std::string bytes, ZipLimits limits)
    : bytes_(std::move(bytes)), limits_(limits) {
    const std::string_view b = bytes_;
    if (b.size() > limits_.max_archive_bytes)
        fail("zip.too_large", "文件过大：" + std::to_string(b.size()) + " 字节，上限 " +
                                  std::to_string(limits_.max_archive_bytes) + " 字节");
    const bool looks_like_zip = b.size() >= 4 && u32(b, 0) == kLocalSig;
    // The end-of-central-directory record is in the last 22 + 65535 bytes.
    std::size_t end = std::string_view::npos;
    if (b.size() >= kEndLen) {
        std::size_t lowest = b.size() > kEndLen + 0xFFFF ? b.size() - kEndLen - 0xFFFF : 0;
        for (std::size_t i = b.size() - kEndLen + 1; i-- > lowest;) {
            if (u32(b, i) == kEndSig) {
                end = i;
                break;
            }
        }
    }
    if (end == std::string_view::npos) {
        if (looks_like_zip)
            fail("zip.truncated", "ZIP 文件不完整（找不到中央目录结尾记录），文件可能被截断");
        fail("zip.not_zip", "不是 ZIP 压缩包（ODT 文档应是 ZIP 格式）");
    }
    const std::size_t count = u16(b, end + 10);
    const std::uint32_t cd_size = u32(b, end + 12), cd_offset = u32(b, end + 16);
    if (u16(b, end + 4) != 0 || u16(b, end + 6) != 0 || u16(b, end + 8) != count)
        fail("zip.unsupported", "不支持分卷 ZIP 文件");
    if (cd_offset == 0xFFFFFFFF || count == 0xFFFF) fail("zip.unsupported", "不支持 ZIP64 格式");
    if (count > limits_.max_entries)
        fail("zip.too_many_entries", "ZIP 条目过多：" + std::to_string(count) + " 个，上限 " +
                                         std::to_string(limits_.max_entries) + " 个");
    if (std::uint64_t(cd_offset) + cd_size > end)
        fail("zip.truncated", "ZIP 中央目录超出文件范围，文件可能被截断或损坏");

    std::uint64_t total = 0;
    std::size_t at = cd_offset;
    entries_.reserve(count);
    for (std::size_t k = 0; k < count; ++k) {
        if (at + kCentralLen > end || u32(b, at) != kCentralSig)
            fail("zip.corrupt", "ZIP 中央目录第 " + std::to_string(k + 1) + " 条记录损坏");
        ZipEntry e;
        const std::uint16_t flags = u16(b, at + 8);
        e.method = u16(b, at + 10);
        e.crc32 = u32(b, at + 16);
        e.compressed_size = u32(b, at + 20);
        e.uncompressed_size = u32(b, at + 24);
        const std::size_t name_len = u16(b, at + 28), extra_len = u16(b, at + 30),
                          comment_len = u16(b, at + 32);
        e.local_header_offset = u32(b, at + 42);
        if (at + kCentralLen + name_len + extra_len + comment_len > end)
            fail("zip.corrupt", "ZIP 中央目录第 " + std::to_string(k + 1) + " 条记录超出范围");
        e.name.assign(b.substr(at + kCentralLen, name_len));
        at += kCentralLen + name_len + extra_len + comment_len;

        if (unsafe_name(e.name))
            fail("zip.unsafe_name", "ZIP 条目名称不安全（绝对路径或含“..”）：" + e.name);
        if (flags & 0x1) fail("zip.encrypted", "ZIP 条目已加密，无法读取：" + e.name);
        if (e.method != 0 && e.method != 8)
            fail("zip.unsupported",
                 "ZIP 条目使用了不支持的压缩方法 " + std::to_string(e.method) + "：" + e.name);
        if (e.compressed_size == 0xFFFFFFFF || e.uncompressed_size == 0xFFFFFFFF)
            fail("zip.unsupported", "不支持 ZIP64 格式：" + e.name);
        if (e.uncompressed_size > limits_.max_entry_bytes)
            fail("zip.bomb", "ZIP 条目解压后过大（" + std::to_string(e.uncompressed_size) +
                                 " 字节）：" + e.name);
        if (e.compressed_size > 0 && e.uncompressed_size / e.compressed_size > limits_.max_ratio)
            fail("zip.bomb", "ZIP 条目压缩比异常（疑似压缩炸弹）：" + e.name);
        total += e.uncompressed_size;
        if (total > limits_.max_total_bytes)
            fail("zip.bomb",
                 "ZIP 解压后总大小超过上限 " + std::to_string(limits_.max_total_bytes) + " 字节");
        if (e.local_header_offset + kLocalLen > cd_offset)
            fail("zip.truncated", "ZIP 条目数据超出文件范围：" + e.name);
        entries_.push_back(std::move(e));
    }
}

const ZipEntry* ZipArchive::find(std::string_view name) const {
    for (const auto& e : entries_)
        if (e.name == name) return &e;
    return nullptr;
}

std::string ZipArchive::read(std::string_view name) const {
    const ZipEntry* e = find(name);
    if (!e) fail("zip.missing_entry", "ZIP 中缺少条目：" + std::string(name));
    const std::string_view b = bytes_;
    const std::size_t at = e->local_header_offset;
    if (u32(b, at) != kLocalSig) fail("zip.corrupt", "ZIP 条目本地头损坏：" + e->name);
    const std::size_t data = at + kLocalLen + u16(b, at + 26) + u16(b, at + 28);
    if (data > b.size() || e->compressed_size > b.size() - data)
        fail("zip.truncated", "ZIP 条目数据不完整，文件可能被截断：" + e->name);
    const std::string_view packed = b.substr(data, e->compressed_size);

    std::string out;
    if (e->method == 0) {
        if (e->compressed_size != e->uncompressed_size)
            fail("zip.corrupt", "ZIP 存储条目大小不一致：" + e->name);
        out.assign(packed);
    } else {
        // Inflate no further than the declared size: a lying header cannot make us allocate more.
        out.resize(e->uncompressed_size);
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK) fail("zip.corrupt", "无法初始化解压");
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
        z.avail_in = static_cast<uInt>(packed.size());
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(out.size());
        int rc = inflate(&z, Z_FINISH);
        std::size_t produced = z.total_out;
        bool more = false;
        if (rc != Z_STREAM_END && z.avail_out == 0) {
            // Output full but the stream goes on: more data than declared.
            unsigned char probe[1];
            z.next_out = probe;
            z.avail_out = 1;
            more = inflate(&z, Z_FINISH) != Z_DATA_ERROR && z.total_out > produced;
        }
        inflateEnd(&z);
        if (more) fail("zip.bomb", "ZIP 条目实际解压大小超过声明大小（疑似压缩炸弹）：" + e->name);
        if (rc != Z_STREAM_END || produced != e->uncompressed_size)
            fail("zip.corrupt", "ZIP 条目解压失败，数据损坏或被截断：" + e->name);
    }
    if (crc32(0L, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size())) !=
        e->crc32)
        fail("zip.corrupt", "ZIP 条目校验和不符，数据损坏：" + e->name);
    return out;
}

void ZipWriter::set_time(int year, int month, int day, int hour, int minute, int second) {
    if (year < 1980 || year > 2107) return;  // outside what a DOS date holds: keep the default
    date_ = static_cast<std::uint16_t>(((year - 1980) << 9) | (month << 5) | day);
    time_ = static_cast<std::uint16_t>((hour << 11) | (minute << 5) | (second / 2));
}

void ZipWriter::add(std::string_view name, std::string_view data, bool compress) {
    std::string packed;
    if (compress) {
        z_stream z{};
        deflateInit2(&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
        packed.resize(deflateBound(&z, data.size()));
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
        z.avail_in = static_cast<uInt>(data.size());
        z.next_out = reinterpret_cast<Bytef*>(packed.data());
        z.avail_out = static_cast<uInt>(packed.size());
        deflate(&z, Z_FINISH);
        packed.resize(z.total_out);
        deflateEnd(&z);
    } else {
        packed.assign(data);
    }
    // No ZIP64: what does not fit the classic fields is refused, never written truncated.
    if (data.size() > UINT32_MAX || packed.size() > UINT32_MAX || out_.size() > UINT32_MAX ||
        name.size() > UINT16_MAX || count_ >= UINT16_MAX)
        fail("zip.too_large", "ZIP 条目或文件过大（超过 4 GiB 或 65535 个条目）：" +
                                  std::string(name.substr(0, 200)));
    const auto data_size = static_cast<std::uint32_t>(data.size());
    const auto packed_size = static_cast<std::uint32_t>(packed.size());
    const auto name_size = static_cast<std::uint16_t>(name.size());
    const auto crc = static_cast<std::uint32_t>(
        crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    const std::uint16_t method = compress ? 8 : 0;
    const auto offset = static_cast<std::uint32_t>(out_.size());
    const std::uint16_t kTime = time_, kDate = date_;
    // Bit 11: the name is UTF-8 (bundle names are Chinese); ASCII names keep flags 0, as before.
    const bool ascii = std::all_of(name.begin(), name.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const std::uint16_t flags = ascii ? 0 : 0x800;

    put32(out_, kLocalSig);
    put16(out_, 20), put16(out_, flags), put16(out_, method), put16(out_, kTime),
        put16(out_, kDate);
    put32(out_, crc), put32(out_, packed_size), put32(out_, data_size);
    put16(out_, name_size), put16(out_, 0);
    out_ += name;
    out_ += packed;

    put32(central_, kCentralSig);
    // Made by: MS-DOS as before for ASCII names; Unix for UTF-8 ones, as Info-ZIP's unzip would
    // otherwise read a DOS-made name as CP437 despite the UTF-8 flag.
    put16(central_, ascii ? 20 : (3 << 8) | 20), put16(central_, 20), put16(central_, flags),
        put16(central_, method);
    put16(central_, kTime), put16(central_, kDate);
    put32(central_, crc), put32(central_, packed_size), put32(central_, data_size);
    put16(central_, name_size), put16(central_, 0), put16(central_, 0);
    put16(central_, 0), put16(central_, 0), put32(central_, 0), put32(central_, offset);
    central_ += name;
    ++count_;
}

std::string ZipWriter::finish() {
    if (out_.size() > UINT32_MAX || central_.size() > UINT32_MAX)
        fail("zip.too_large", "ZIP 文件过大（超过 4 GiB）");
    const auto cd_offset = static_cast<std::uint32_t>(out_.size());
    const auto cd_size = static_cast<std::uint32_t>(central_.size());
    const auto count = static_cast<std::uint16_t>(count_);  // below UINT16_MAX: add() checks
    out_ += central_;
    put32(out_, kEndSig);
    put16(out_, 0), put16(out_, 0), put16(out_, count), put16(out_, count);
    put32(out_, cd_size), put32(out_, cd_offset), put16(out_, 0);
    return std::move(out_);
}

}  // namespace sanding
