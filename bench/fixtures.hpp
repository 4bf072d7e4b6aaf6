// What the benchmarks load once: the demo framework, the model texts, the real rules.
#pragma once

#include <string>

#include "sanding/check/checker.hpp"
#include "sanding/framework.hpp"
#include "sanding/model_text.hpp"

namespace sanding::bench {

inline const std::string kTemplates = SANDING_TEMPLATES_DIR;

inline const Framework& fw() {
    static const Framework f = load_framework(kTemplates + "/framework/demo-district.xml");
    return f;
}
inline const ModelTextLibrary& lib() {
    static const ModelTextLibrary l = ModelTextLibrary::load_dir(kTemplates + "/model-texts");
    return l;
}
inline const Checker& checker() {
    static const Checker c = load_checker(rule_files_in(kTemplates + "/rules"), &fw());
    return c;
}

}  // namespace sanding::bench
