// What a sign-off (签发) binds, and the audit log's hash chain: the exact strings that are signed
// and hashed, so that the server, `sanding verify` and `sanding admin audit verify` agree.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sanding {

// 签发记录: the principal head signs one revision of one body, identified by its SHA-256.
struct SignOff {
    std::string body;       // body id
    int revision = 0;
    std::string sha256;     // of the revision's exact .odt bytes
    std::string signer;     // user name
    std::string signed_at;  // ISO 8601 UTC
    std::string signature;  // base64 Ed25519 by the server key over signoff_message()
};

// "sanding-signoff-v1\nbody=…\nrevision=…\nsha256=…\nsigner=…\nsigned_at=…\n"
std::string signoff_message(const SignOff& s);

struct AuditEntry {
    long long seq = 0;
    std::string at;      // ISO 8601 UTC
    std::string actor;   // user name or "system"
    std::string action;  // e.g. "revision.upload"
    std::string body;    // body id or empty
    std::string detail;  // JSON text
    std::string prev_hash, hash;
};

// SHA-256 over the previous hash and the entry's fields, each length-prefixed.
std::string audit_hash(const AuditEntry& e);

// The seq of the first entry whose hash or link does not hold, or nothing when the chain holds.
std::optional<long long> first_broken(const std::vector<AuditEntry>& entries);

}  // namespace sanding
