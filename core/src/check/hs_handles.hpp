// Vectorscan handles owned by unique_ptr: freed on every path, also when a constructor throws.
// Raw pointers elsewhere only borrow.
#pragma once

#include <memory>

#include <hs.h>

namespace sanding {

struct HsDatabaseFree {
    void operator()(hs_database_t* db) const noexcept { hs_free_database(db); }
};
struct HsScratchFree {
    void operator()(hs_scratch_t* s) const noexcept { hs_free_scratch(s); }
};
struct HsCompileErrorFree {
    void operator()(hs_compile_error_t* e) const noexcept { hs_free_compile_error(e); }
};

using HsDatabase = std::unique_ptr<hs_database_t, HsDatabaseFree>;
using HsScratch = std::unique_ptr<hs_scratch_t, HsScratchFree>;
using HsCompileError = std::unique_ptr<hs_compile_error_t, HsCompileErrorFree>;

}  // namespace sanding
