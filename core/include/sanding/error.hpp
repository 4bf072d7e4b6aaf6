// Errors that carry a stable code (English, for programs and logs) and a message for the user
// (Chinese, for the officials who read it), plus where it happened.
#pragma once

#include <stdexcept>
#include <string>

namespace sanding {

class Error : public std::runtime_error {
public:
    // code: stable dotted id such as "odt.not_zip"; message: what was wrong, for a person.
    Error(std::string code, std::string message, std::string where = {})
        : std::runtime_error(compose(code, message, where)),
          code_(std::move(code)),
          message_(std::move(message)),
          where_(std::move(where)) {}

    const std::string& code() const { return code_; }
    const std::string& message() const { return message_; }
    const std::string& where() const { return where_; }

private:
    static std::string compose(const std::string& code, const std::string& message,
                               const std::string& where) {
        return (where.empty() ? std::string() : where + ": ") + message + " [" + code + "]";
    }
    std::string code_, message_, where_;
};

}  // namespace sanding
