// The server's key file (signing.key_file): the Ed25519 private key that signs sign-offs and
// bundles, and the audit chain's HMAC key, kept outside the database with mode 0600.
#pragma once

#include <string>

#include "sanding/signoff.hpp"

namespace sanding::server {

class Store;

struct ServerKeys {
    std::string private_pem, public_pem;
    AuditKey audit;
    std::string fingerprint() const;  // of the public key, 64 hex digits
};

// signing.key_file, or beside the SQLite file ("<file>.key") when it is empty; Error
// key.no_path for PostgreSQL without a key file configured.
std::string key_file_path(const std::string& configured, const std::string& db_url);

// Reads the key file, creating it when `create` and it does not exist, and moving a key an older
// sanding kept in the database (meta signing_key) into it on first start (the row is removed).
// Errors: key.missing (no file; run admin init), key.bad_mode (readable by others), key.invalid.
ServerKeys open_server_keys(Store& store, const std::string& path, bool create);

}  // namespace sanding::server
