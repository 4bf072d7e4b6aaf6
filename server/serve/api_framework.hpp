// The district's staffing quota framework (编制职数框架) as the server checks with it, so that the
// Writer extension's 检查全文 gives the same staffing findings (N11, N12 …) as the server.
#pragma once

#include "http.hpp"

namespace sanding::server::api {

void get_framework(
    Call& c);  // GET /api/v1/framework: the framework XML; ETag, 304 on If-None-Match

}  // namespace sanding::server::api
