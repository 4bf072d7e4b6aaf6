// Compiling Vectorscan databases is the slow part of loading rules (about 0.2 s for ours); a
// compiled set is kept in a cache file keyed by the exact expressions, flags and library
// version, so a command-line run pays it once. The cache is only an optimisation: when it cannot
// be read or written, databases are compiled as usual. The expressions' widths and the rule
// examples' passes (examples_cache.hpp) are kept in the same directory, through the same helpers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hs_handles.hpp"
#include "sanding/check/rule.hpp"

namespace sanding {

struct CompileJob {
    std::vector<std::string>
        expressions;  // one: hs_compile; several: hs_compile_multi (ids = index)
    std::vector<unsigned> flags;
    std::vector<const Rule*> rules;  // per expression, for error messages
    const char* what = "模式";
};

// Databases in job order. Error rules.bad_pattern naming the rule of a bad expression.
std::vector<HsDatabase> build_databases(const std::vector<CompileJob>& jobs);

// Shortest and longest match in bytes of each expression (UTF-8 mode), as hs_expression_info
// reports them, kept in the cache like the databases (asking costs a compile each). An
// expression that does not compile gets {0, UINT_MAX}: compiling it reports the error.
std::vector<std::pair<unsigned, unsigned>> expression_widths(
    const std::vector<std::string>& expressions);

// Where the cache lives: $SANDING_CACHE_DIR, else $XDG_CACHE_HOME/sanding, else ~/.cache/sanding.
std::string cache_dir();

// The cache file for a key: <dir>/<kind>-<64-bit hash of key>.bin, empty when there is no
// cache directory. The hash only names the file; the file holds the whole key to compare.
std::string cache_file_for(std::string_view kind, std::string_view key);

// A cache file's bytes (empty when absent); writing goes through a temporary file and a rename,
// so a concurrent run never reads half a file. Failures to write are ignored: it is a cache.
std::string read_cache_file(const std::string& path);
void write_cache_file(const std::string& path, const std::string& bytes);

}  // namespace sanding
