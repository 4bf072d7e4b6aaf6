// Signing in and out: a bearer token for programs (Writer, the command line) or an HttpOnly
// session cookie with a CSRF token for the browser workspace.
#pragma once

#include "http.hpp"

namespace sanding::server::api {

void login(Call& c);   // POST /api/v1/login {"username","password","session"?}
void logout(Call& c);  // POST /api/v1/logout: the token or session revoked on the server
void me(Call& c);      // GET /api/v1/me: who is signed in (and the CSRF token of a session)

}  // namespace sanding::server::api
