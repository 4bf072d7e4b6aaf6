// What a sign-off (签发) binds, and the audit log's hash chain: the exact strings that are signed
// and hashed, so that the server, `sanding verify` and `sanding admin audit verify` agree.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sanding {

// 签发记录: the principal head signs one revision of one body, identified by its SHA-256.
struct SignOff {
    std::string body;  // body id
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

// The audit chain's key (HMAC-SHA256), kept in the server's key file beside the signing key, so
// that write access to the database alone cannot recompute the chain. Entries before keyed_from
// (written before the key existed, by an older sanding) keep the plain SHA-256 of their time.
struct AuditKey {
    std::string secret;        // empty: plain SHA-256 throughout
    long long keyed_from = 1;  // first seq hashed with the key
};

// HMAC-SHA256 under key.secret (SHA-256 when e.seq < keyed_from or no key) over the previous hash
// and the entry's fields, each length-prefixed.
std::string audit_hash(const AuditEntry& e, const AuditKey& key = {});

// The seq of the first entry whose hash or link does not hold, or nothing when the chain holds.
std::optional<long long> first_broken(const std::vector<AuditEntry>& entries,
                                      const AuditKey& key = {});

}  // namespace sanding
