// Compiling Vectorscan databases is the slow part of loading rules (about 0.2 s for ours); a
// compiled set is kept in a cache file keyed by the exact expressions, flags and library
// version, so a command-line run pays it once. The cache is only an optimisation: when it cannot
// be read or written, databases are compiled as usual.
#pragma once

#include <string>
#include <vector>

#include "sanding/check/rule.hpp"

struct hs_database;

namespace sanding {

struct CompileJob {
    std::vector<std::string> expressions;  // one: hs_compile; several: hs_compile_multi (ids = index)
    std::vector<unsigned> flags;
    std::vector<const Rule*> rules;        // per expression, for error messages
    const char* what = "模式";
};

// Databases in job order. Error rules.bad_pattern naming the rule of a bad expression.
std::vector<hs_database*> build_databases(const std::vector<CompileJob>& jobs);

// Where the cache lives: $SANDING_CACHE_DIR, else $XDG_CACHE_HOME/sanding, else ~/.cache/sanding.
std::string cache_dir();

}  // namespace sanding
