// Running every rule example costs a command-line check more than checking a 10 KB draft does.
// Whether they pass depends only on the rule files, the framework and the code that runs them, so
// a pass is remembered in the cache directory under a key made of their bytes and the caller's
// code id (its build id; compared whole: no digest to collide, and no hashing to pay for). A
// failure is never remembered: its message is always the current one. Without a code id or a
// cache directory the examples simply run every time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sanding/framework.hpp"

namespace sanding {

// Empty when nothing can be remembered (no code id).
std::string examples_key(const std::vector<std::string>& rule_files_bytes,
                         const Framework* framework, std::string_view code_id);

bool examples_passed_before(const std::string& key);
void remember_examples_passed(const std::string& key);

}  // namespace sanding
