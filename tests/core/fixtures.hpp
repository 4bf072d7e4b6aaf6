// What several test files load once: the demo framework, the model texts, the real rules.
#pragma once

#include <cstdlib>
#include <string>

#include "sanding/check/checker.hpp"
#include "sanding/framework.hpp"
#include "sanding/model_text.hpp"

namespace sanding::test {

inline const std::string kTemplates = SANDING_TEMPLATES_DIR;

inline const Framework& demo() {
    static const Framework fw = load_framework(kTemplates + "/framework/demo-district.xml");
    return fw;
}

inline const ModelTextLibrary& library() {
    static const ModelTextLibrary lib = ModelTextLibrary::load_dir(kTemplates + "/model-texts");
    return lib;
}

// Parsing, compiling and running every example of the real rules, once.
inline const Checker& checker() {
    static const Checker c = load_checker(rule_files_in(kTemplates + "/rules"), &demo());
    return c;
}

// Whether the core takes its AVX2 paths here (the CPU has AVX2 and SANDING_NO_AVX2 is not set):
// what is found in passing by them (line feeds, their UTF-16 offsets) is found only then.
inline bool avx2_paths() {
#if defined(__x86_64__) && defined(__GNUC__)
    return std::getenv("SANDING_NO_AVX2") == nullptr && __builtin_cpu_supports("avx2");
#else
    return false;
#endif
}

}  // namespace sanding::test
