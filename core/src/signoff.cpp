#include "sanding/signoff.hpp"

#include "sanding/crypto.hpp"

namespace sanding {

std::string signoff_message(const SignOff& s) {
    return "sanding-signoff-v1\nbody=" + s.body + "\nrevision=" + std::to_string(s.revision) +
           "\nsha256=" + s.sha256 + "\nsigner=" + s.signer + "\nsigned_at=" + s.signed_at + "\n";
}

std::string audit_hash(const AuditEntry& e, const AuditKey& key) {
    std::string m;
    for (const std::string* f : {&e.prev_hash, &e.at, &e.actor, &e.action, &e.body, &e.detail})
        m += std::to_string(f->size()) + ":" + *f + ";";
    m += std::to_string(e.seq);
    if (key.secret.empty() || e.seq < key.keyed_from) return crypto::sha256_hex(m);
    return crypto::hmac_sha256_hex(key.secret, m);
}

std::optional<long long> first_broken(const std::vector<AuditEntry>& entries, const AuditKey& key) {
    std::string prev;
    for (const auto& e : entries) {
        if (e.prev_hash != prev || audit_hash(e, key) != e.hash) return e.seq;
        prev = e.hash;
    }
    return std::nullopt;
}

}  // namespace sanding
