// Everything the server keeps, as operations on the database: users and tokens, bodies and their
// workflow state, immutable revisions, reviews, sign-offs and the hash-chained audit log.
// Schema created and migrated here; revisions, sign-offs and audit entries are append-only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db.hpp"
#include "sanding/clock.hpp"
#include "sanding/signoff.hpp"
#include "sanding/workflow.hpp"

namespace sanding::server {

struct User {
    std::string name, role, body, display_name, password_hash;
};

struct BodyRecord {
    std::string id, name, kind, state, state_changed_at, facts_json;
    long long current_revision = 0;
};

// One reviewer's verdict on a revision: 退回 (returned) with comments, or 审核通过 (approved).
struct ReviewRecord {
    std::string body;
    long long revision = 0;
    std::string reviewer, verdict, comment;
    std::string comments_json =
        "[]";  // [{"article","quote","text"}]: remarks tied to places in the draft
    std::string at;
};

struct RevisionRecord {
    std::string body;
    long long number = 0;
    std::string sha256, author, comment, created_at, findings_json;
    long long size = 0, errors = 0, warnings = 0, infos = 0;
};

using sanding::now_iso;  // UTC, seconds (core)

class Store {
public:
    explicit Store(Db& db) : db_(db) {}
    Db& db() { return db_; }

    // Creates or upgrades the schema to the current version.
    void migrate();

    // --- users and tokens ---
    void add_user(const User& u, const std::string& password);  // Error user.exists
    // Inside a transaction, with the password already hashed (many users hashed on every core):
    // false, and nothing written, when the name is taken.
    bool add_user_if_absent(Poco::Data::Session& s, const User& u,
                            const std::string& password_hash);
    std::vector<User> users();
    std::optional<User> user(const std::string& name);
    void set_password(const std::string& name, const std::string& password);
    std::string issue_token(const std::string& user, long long ttl_seconds);  // the token itself
    std::optional<User> user_for_token(const std::string& token);
    void revoke_token(const std::string& token);

    // --- templates held by the server: framework, model texts, rule files ---
    void put_template(Poco::Data::Session& s, const std::string& name, const std::string& content);
    std::optional<std::string> get_template(const std::string& name);
    std::vector<std::pair<std::string, std::string>> templates_with_prefix(
        const std::string& prefix);
    void put_meta(Poco::Data::Session& s, const std::string& key, const std::string& value);
    std::optional<std::string> meta(const std::string& key);
    void delete_meta(Poco::Data::Session& s, const std::string& key);

    // --- failed logins of an account (LoginGuard's throttle and lockout) ---
    struct LoginFailures {
        long long failures = 0;
        long long blocked_until = 0;  // seconds since the epoch
        bool locked = false;
    };
    std::optional<LoginFailures> login_failures(const std::string& user);
    std::optional<LoginFailures> login_failures(Poco::Data::Session& s, const std::string& user);
    void put_login_failures(Poco::Data::Session& s, const std::string& user,
                            const LoginFailures& f);
    void clear_login_failures(Poco::Data::Session& s, const std::string& user);
    void clear_login_failures(const std::string& user);

    // --- the progress board ---
    // Every body with its current revision's finding counts, in one query (the board of 10,000
    // bodies is read at each page load).
    struct BoardEntry {
        std::string id, name, kind, state, state_changed_at;
        long long current_revision = 0, errors = 0, warnings = 0;
    };
    std::vector<BoardEntry> board_entries();

    // Asks the database something trivial: throws when it does not answer (GET /healthz).
    void ping();

    // --- bodies ---
    void upsert_body(Poco::Data::Session& s, const BodyRecord& b);
    std::vector<BodyRecord> bodies();
    std::optional<BodyRecord> body(const std::string& id);
    std::optional<BodyRecord> body(Poco::Data::Session& s, const std::string& id);
    // Moves the body from `from` to `to` if it is still in `from`; false when it was not.
    bool move(Poco::Data::Session& s, const std::string& body, WorkflowState from, WorkflowState to,
              long long current_revision = -1);

    // --- revisions ---
    long long next_revision_number(Poco::Data::Session& s, const std::string& body);
    void add_revision(Poco::Data::Session& s, const RevisionRecord& r,
                      const std::string& odt_bytes);
    std::vector<RevisionRecord> revisions(const std::string& body);
    std::optional<RevisionRecord> revision(const std::string& body, long long number);
    // The same inside a transaction (what is signed must be read in the signing transaction).
    std::optional<RevisionRecord> revision(Poco::Data::Session& s, const std::string& body,
                                           long long number);
    // The revision's exact bytes, nothing when absent; Error revision.corrupt when they are not the
    // recorded SHA-256 (so changed bytes are never served, compared or bundled).
    std::optional<std::string> revision_bytes(const std::string& body, long long number);

    void add_review(Poco::Data::Session& s, const ReviewRecord& r);  // r.at is set to now
    std::vector<ReviewRecord> reviews(const std::string& body);      // oldest first
    // Who last took `action` on the body and when (from the audit log): {actor, at}, or empty.
    std::optional<std::pair<std::string, std::string>> last_action(const std::string& body,
                                                                   const std::string& action);

    void add_signoff(Poco::Data::Session& s, const SignOff& so);
    std::vector<SignOff> signoffs();
    std::optional<SignOff> signoff(const std::string& body);

    // --- audit ---
    // The chain's HMAC key from the key file; audit() refuses to write before it is set.
    void set_audit_key(AuditKey key) { audit_key_ = std::move(key); }
    const AuditKey& audit_key() const { return audit_key_; }
    void audit(Poco::Data::Session& s, const std::string& actor, const std::string& action,
               const std::string& body, const std::string& detail_json);
    std::vector<AuditEntry> audit_entries();

private:
    Db& db_;
    AuditKey audit_key_;
};

}  // namespace sanding::server
