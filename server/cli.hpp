// Command-line plumbing shared by the subcommands: options, template locations, error output.
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace sanding::cli {

// Parsed "--name value" / "--flag" options and positional arguments. Unknown options are an
// error naming the option.
struct Args {
    std::map<std::string, std::string> options;
    std::vector<std::string> positional;

    bool has(const std::string& name) const { return options.count(name) > 0; }
    std::string get(const std::string& name, const std::string& fallback = {}) const;
};

// value_options take a value; flag_options do not. "-o" is accepted as "--output".
Args parse_args(const std::vector<std::string>& argv, const std::vector<std::string>& value_options,
                const std::vector<std::string>& flag_options);

// templates/ directory: --templates, $SANDING_TEMPLATES, an installed share/sanding/templates
// (or templates/ beside the program), else the source tree the program was built from.
std::string templates_dir(const Args& args);
// The folder holding the running program (readlink /proc/self/exe); "." when unknown.
std::string executable_dir();
// --framework, else templates/framework/demo-district.xml.
std::string framework_path(const Args& args);

// Runs a subcommand and turns what it throws into a message on stderr and exit status 2.
int run_command(const char* name, int (*run)(const std::vector<std::string>&),
                const std::vector<std::string>& args);

// Thrown for bad command lines; run_command prints it with the usage and exits 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Hands a command's large results (a checked corpus's paragraphs, findings and compiled rules) to
// the process's end: main() leaves them to the operating system rather than freeing them one by
// one (a sanitizer build frees them, for LeakSanitizer).
void keep_until_exit(std::shared_ptr<const void> object);
// Whether keep_until_exit was given anything.
bool anything_kept();

}  // namespace sanding::cli
