// What several test files load once: the demo framework, the model texts, the real rules.
#pragma once

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

}  // namespace sanding::test
