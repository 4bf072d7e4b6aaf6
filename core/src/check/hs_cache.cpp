#include "hs_cache.hpp"

#include <hs.h>

#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include "sanding/error.hpp"
#include "sanding/file.hpp"
#include "sanding/mapped_file.hpp"

namespace sanding {
namespace {

constexpr std::string_view kMagic = "sanding-hs-cache-1\n";

HsDatabase compile(const CompileJob& job) {
    hs_database_t* db = nullptr;
    hs_compile_error_t* err_out = nullptr;
    std::vector<const char*> exprs;
    std::vector<unsigned> ids;
    for (std::size_t i = 0; i < job.expressions.size(); ++i) {
        exprs.push_back(job.expressions[i].c_str());
        ids.push_back(static_cast<unsigned>(i));
    }
    if (hs_compile_multi(exprs.data(), job.flags.data(), ids.data(),
                         static_cast<unsigned>(exprs.size()), HS_MODE_BLOCK, nullptr, &db,
                         &err_out) == HS_SUCCESS)
        return HsDatabase(db);
    const HsCompileError err(err_out);
    std::string msg = err ? err->message : "unknown error";
    const int bad = err && err->expression >= 0 ? err->expression : 0;
    const Rule* rule = job.rules.empty() ? nullptr : job.rules[static_cast<std::size_t>(bad)];
    if (!rule) throw Error("rules.bad_pattern", "规则模式无法编译：" + msg);
    throw Error("rules.bad_pattern",
                "规则 " + rule->id + " 的" + job.what + "“" +
                    job.expressions[static_cast<std::size_t>(bad)] + "”无法编译：" + msg,
                rule->file + ":" + std::to_string(rule->line));
}

std::string cache_key(const std::vector<CompileJob>& jobs) {
    std::string key = std::string(kMagic) + hs_version() + "\n";
    // Databases are compiled for this machine's CPU: one compiled elsewhere (or under valgrind,
    // which hides AVX-512) may still load here, but is not what a compile here would give.
    if (hs_platform_info_t platform; hs_populate_platform(&platform) == HS_SUCCESS)
        key += "platform " + std::to_string(platform.tune) + " " +
               std::to_string(platform.cpu_features) + "\n";
    for (const auto& j : jobs) {
        key += "job " + std::to_string(j.expressions.size()) + "\n";
        for (std::size_t i = 0; i < j.expressions.size(); ++i)
            key += std::to_string(j.flags[i]) + " " + std::to_string(j.expressions[i].size()) +
                   " " + j.expressions[i] + "\n";
    }
    return key;
}

// Names a cache file only (the file holds the whole key to compare), so any well-mixed 64-bit
// hash will do; taken eight bytes at a time, since keys are hashed at every start and the
// examples' key holds the rule files (~100 KB).
std::uint64_t key_hash(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&h](std::uint64_t v) {
        h = (h ^ v) * 0x9E3779B97F4A7C15ULL;
        h ^= h >> 29;
    };
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        mix(w);
    }
    for (; i < s.size(); ++i) mix(static_cast<unsigned char>(s[i]));
    mix(s.size());
    return h;
}

}  // namespace

void write_cache_file(const std::string& path, const std::string& bytes) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    const std::string tmp = path + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) return;
        f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!f) return;
    }
    std::filesystem::rename(tmp, path, ec);  // atomic: a concurrent run never reads half a file
    if (ec) std::filesystem::remove(tmp, ec);
}

std::string cache_file_for(std::string_view kind, std::string_view key) {
    const std::string dir = cache_dir();
    if (dir.empty()) return {};
    char name[40];
    std::snprintf(name, sizeof name, "-%016llx.bin",
                  static_cast<unsigned long long>(key_hash(key)));
    return dir + "/" + std::string(kind) + name;
}

std::string read_cache_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return {};
    try {
        return read_file(path,
                         1u << 30);  // in one read: a character at a time cost ~1 ms per start
    } catch (const Error&) {
        return {};
    }
}

namespace {

void put_u64(std::string& out, std::uint64_t v) {
    out.append(reinterpret_cast<const char*>(&v), 8);
}
bool get_u64(std::string_view& in, std::uint64_t& v) {
    if (in.size() < 8) return false;
    __builtin_memcpy(&v, in.data(), 8);
    in.remove_prefix(8);
    return true;
}

std::vector<HsDatabase> load(const std::string& path, const std::string& key, std::size_t count) {
    // Mapped, not read: the databases are copied out of the file once, by Vectorscan (read into a
    // string first, ~1 MB was zero-filled and copied twice at every start).
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return {};
    std::optional<MappedFile> file;
    try {
        file.emplace(path, std::size_t{1} << 30);
    } catch (const Error&) {
        return {};
    }
    std::string_view in = file->bytes();
    std::uint64_t key_len = 0, n = 0;
    // The whole key is stored and compared: a hash collision cannot give the wrong databases.
    if (!get_u64(in, key_len) || key_len != key.size() || in.substr(0, key_len) != key) return {};
    in.remove_prefix(key_len);
    if (!get_u64(in, n) || n != count) return {};
    std::vector<HsDatabase> dbs;
    for (std::uint64_t i = 0; i < n; ++i) {
        std::uint64_t len = 0;
        hs_database_t* db = nullptr;
        if (!get_u64(in, len) || len > in.size() ||
            hs_deserialize_database(in.data(), len, &db) != HS_SUCCESS)
            return {};
        in.remove_prefix(len);
        dbs.emplace_back(db);
    }
    return dbs;
}

void store(const std::string& path, const std::string& key, const std::vector<HsDatabase>& dbs) {
    std::string out;
    put_u64(out, key.size());
    out += key;
    put_u64(out, dbs.size());
    for (const HsDatabase& db : dbs) {
        char* bytes = nullptr;
        std::size_t len = 0;
        if (hs_serialize_database(db.get(), &bytes, &len) != HS_SUCCESS) return;
        put_u64(out, len);
        out.append(bytes, len);
        std::free(bytes);
    }
    write_cache_file(path, out);
}

std::pair<unsigned, unsigned> widths_of(const std::string& expr) {
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_expression_info(expr.c_str(), HS_FLAG_UTF8, &info, &err) != HS_SUCCESS || !info) {
        hs_free_compile_error(err);
        return {0, UINT_MAX};
    }
    const std::pair<unsigned, unsigned> w{info->min_width, info->max_width};
    std::free(info);
    return w;
}

}  // namespace

std::vector<std::pair<unsigned, unsigned>> expression_widths(
    const std::vector<std::string>& expressions) {
    std::string key = "sanding-hs-widths-1\n" + std::string(hs_version()) + "\n";
    for (const auto& e : expressions) key += std::to_string(e.size()) + " " + e + "\n";
    const std::string path = cache_file_for("widths", key);
    std::vector<std::pair<unsigned, unsigned>> out;
    if (!path.empty()) {
        const std::string data = read_cache_file(path);
        std::string_view in = data;
        std::uint64_t key_len = 0;
        if (get_u64(in, key_len) && key_len == key.size() && in.substr(0, key_len) == key) {
            in.remove_prefix(key_len);
            for (std::size_t i = 0; i < expressions.size(); ++i) {
                std::uint64_t lo = 0, hi = 0;
                if (!get_u64(in, lo) || !get_u64(in, hi)) break;
                out.push_back({static_cast<unsigned>(lo), static_cast<unsigned>(hi)});
            }
            if (out.size() == expressions.size()) return out;
        }
        out.clear();
    }
    for (const auto& e : expressions) out.push_back(widths_of(e));
    if (path.empty()) return out;
    std::string bytes;
    put_u64(bytes, key.size());
    bytes += key;
    for (const auto& [lo, hi] : out) put_u64(bytes, lo), put_u64(bytes, hi);
    write_cache_file(path, bytes);
    return out;
}

std::string cache_dir() {
    if (const char* d = std::getenv("SANDING_CACHE_DIR"); d && *d) return d;
    if (const char* d = std::getenv("XDG_CACHE_HOME"); d && *d) return std::string(d) + "/sanding";
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/sanding";
    return {};
}

std::vector<HsDatabase> build_databases(const std::vector<CompileJob>& jobs) {
    const std::string key = cache_key(jobs);
    const std::string path = cache_file_for("hs", key);
    if (!path.empty()) {
        auto dbs = load(path, key, jobs.size());
        if (!dbs.empty() || jobs.empty()) return dbs;
    }
    std::vector<HsDatabase> dbs;
    dbs.reserve(jobs.size());
    for (const auto& j : jobs) dbs.push_back(compile(j));
    if (!path.empty()) store(path, key, dbs);
    return dbs;
}

}  // namespace sanding
