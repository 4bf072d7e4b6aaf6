// What the office publishes and checks with: the model texts (范本), the rule files (with an
// ETag, for Writer), and checking a text or an .odt against the rules and the framework.
#pragma once

#include "http.hpp"

namespace sanding::server::api {

void list_model_texts(Call& c);  // GET /api/v1/model-texts
void get_model_text(Call& c);    // GET /api/v1/model-texts/{kind}: its XML
void get_rules(Call& c);         // GET /api/v1/rules: every rule file, with an ETag
void check_text(Call& c);        // POST /api/v1/check[?body=ID]: text/plain or an .odt

}  // namespace sanding::server::api
