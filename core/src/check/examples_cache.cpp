#include "examples_cache.hpp"

#include "hs_cache.hpp"

namespace sanding {
namespace {

constexpr std::string_view kMagic = "sanding-examples-passed-1\n";

}  // namespace

std::string examples_key(const std::vector<std::string>& rule_files_bytes,
                         const Framework* framework, std::string_view code_id) {
    if (code_id.empty()) return {};
    std::string key = std::string(kMagic) + "build " + std::string(code_id) + "\n";
    auto add = [&key](std::string_view what, std::string_view bytes) {
        key += std::string(what) + " " + std::to_string(bytes.size()) + "\n";
        key += bytes;
    };
    for (const auto& bytes : rule_files_bytes) add("rules", bytes);
    add("framework", framework ? framework->source : std::string_view("none"));
    return key;
}

bool examples_passed_before(const std::string& key) {
    const std::string path = key.empty() ? std::string() : cache_file_for("examples", key);
    return !path.empty() && read_cache_file(path) == key;  // the whole key compared, not its hash
}

void remember_examples_passed(const std::string& key) {
    const std::string path = key.empty() ? std::string() : cache_file_for("examples", key);
    if (!path.empty()) write_cache_file(path, key);
}

}  // namespace sanding
