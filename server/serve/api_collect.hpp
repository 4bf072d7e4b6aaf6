// What the coordination office (协调小组办公室) does at the end of a round: collect the signed
// drafts (a state change, audited), download them as one signed bundle (changes nothing), and
// read the audit log.
#pragma once

#include "http.hpp"

namespace sanding::server::api {

void collect(Call& c);  // POST /api/v1/collect: every signed body → collected; {count, bodies:[…]}
void bundle(Call& c);  // GET /api/v1/bundle: the ZIP of every collected body's signed revision
void audit_log(
    Call& c);  // GET /api/v1/audit?body=&action=: entries with Chinese labels and 北京时间

}  // namespace sanding::server::api
