// The keyed audit chain (issue 15, item 3): whoever can write the database but lacks the key file
// cannot rewrite history and recompute a chain that still holds.
#include <gtest/gtest.h>

#include "sanding/crypto.hpp"
#include "sanding/signoff.hpp"

namespace sanding {
namespace {

std::vector<AuditEntry> chain(const AuditKey& key, int n) {
    std::vector<AuditEntry> out;
    std::string prev;
    for (int i = 1; i <= n; ++i) {
        AuditEntry e{i,           "2026-12-03T06:00:0" + std::to_string(i) + "Z",
                     "office",    "workflow.collect",
                     "emergency", "{}",
                     prev,        ""};
        e.hash = audit_hash(e, key);
        prev = e.hash;
        out.push_back(e);
    }
    return out;
}

TEST(AuditChain, ARewriteRecomputedWithoutTheKeyIsFound) {
    const AuditKey key{crypto::random_hex(32), 1};
    auto entries = chain(key, 4);
    EXPECT_EQ(first_broken(entries, key), std::nullopt);
    // The attacker edits entry 2 and recomputes the rest as the unkeyed chain did.
    entries[1].actor = "someone-else";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        entries[i].prev_hash = i ? entries[i - 1].hash : "";
        entries[i].hash = audit_hash(entries[i]);
    }
    EXPECT_EQ(first_broken(entries), std::nullopt);  // holds for the unkeyed check …
    EXPECT_EQ(first_broken(entries, key), 1);        // … not with the key
}

TEST(AuditChain, EntriesBeforeTheKeyKeepTheirPlainHashes) {
    const AuditKey key{crypto::random_hex(32), 3};
    auto entries = chain(key, 4);
    EXPECT_EQ(entries[0].hash, audit_hash(entries[0]));
    EXPECT_NE(entries[2].hash, audit_hash(entries[2]));
    EXPECT_EQ(first_broken(entries, key), std::nullopt);
    EXPECT_EQ(first_broken(entries, AuditKey{crypto::random_hex(32), 3}), 3);  // another key
}

}  // namespace
}  // namespace sanding
