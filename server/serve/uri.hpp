// The parts of a request target a handler reads, decoded strictly: a malformed percent-escape or
// bytes that are not UTF-8 are the client's error (400), never an exception from deep inside a
// URI parser (500), and nothing undecodable is echoed into an answer or a log line.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sanding::server {

// The decoded path of `target` (before '?'); throws ApiError 400 request.bad_uri on a bad escape
// ('%' not followed by two hex digits) or on a result that is not valid UTF-8.
std::string request_path(std::string_view target);

// The decoded name=value pairs after '?' ('+' is a space); throws on a bad escape. Values are
// bytes: the handler that reads one says what is wrong with it (so its error names the field),
// and echoes it only through printable().
std::vector<std::pair<std::string, std::string>> request_query(std::string_view target);

// `text` with every byte that is not part of valid UTF-8 written as "\xHH": safe to put in a log
// line or a JSON answer.
std::string printable(std::string_view text);

}  // namespace sanding::server
