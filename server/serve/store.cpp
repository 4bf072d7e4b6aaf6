#include "store.hpp"

#include <ctime>

#include "sanding/crypto.hpp"
#include "sanding/error.hpp"

namespace sanding::server {

namespace {

constexpr int kSchemaVersion = 2;  // 2: reviews.comments

// Portable DDL: TEXT and BIGINT mean the same in SQLite and PostgreSQL.
const char* kSchema[] = {
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, role TEXT NOT NULL, body TEXT NOT "
    "NULL, "
    "display_name TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS tokens (token_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, "
    "expires_at BIGINT NOT NULL, "
    "revoked BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS templates (name TEXT PRIMARY KEY, content TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS bodies (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT "
    "NULL, facts TEXT NOT NULL, "
    "state TEXT NOT NULL, state_changed_at TEXT NOT NULL, current_revision BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS revisions (body TEXT NOT NULL, number BIGINT NOT NULL, sha256 TEXT "
    "NOT NULL, size BIGINT NOT NULL, "
    "author TEXT NOT NULL, comment TEXT NOT NULL, created_at TEXT NOT NULL, errors BIGINT NOT "
    "NULL, warnings BIGINT NOT NULL, "
    "infos BIGINT NOT NULL, findings TEXT NOT NULL, content TEXT NOT NULL, PRIMARY KEY (body, "
    "number))",
    "CREATE TABLE IF NOT EXISTS reviews (body TEXT NOT NULL, revision BIGINT NOT NULL, reviewer "
    "TEXT NOT NULL, "
    "verdict TEXT NOT NULL, comment TEXT NOT NULL, created_at TEXT NOT NULL, comments TEXT NOT "
    "NULL DEFAULT '[]')",
    "CREATE TABLE IF NOT EXISTS signoffs (body TEXT NOT NULL, revision BIGINT NOT NULL, sha256 "
    "TEXT NOT NULL, signer TEXT NOT NULL, "
    "signed_at TEXT NOT NULL, signature TEXT NOT NULL, PRIMARY KEY (body, revision))",
    "CREATE TABLE IF NOT EXISTS audit (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT "
    "NULL, action TEXT NOT NULL, "
    "body TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS login_failures (user_name TEXT PRIMARY KEY, failures BIGINT NOT "
    "NULL, "
    "blocked_until BIGINT NOT NULL, locked BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS revisions_by_body ON revisions (body, number)",
};

// Append-only tables refuse UPDATE and DELETE in the database itself, not only in the code.
const char* kSqliteGuards[] = {
    "CREATE TRIGGER IF NOT EXISTS revisions_immutable BEFORE UPDATE ON revisions BEGIN SELECT "
    "RAISE(ABORT, 'revisions are immutable'); END",
    "CREATE TRIGGER IF NOT EXISTS revisions_kept BEFORE DELETE ON revisions BEGIN SELECT "
    "RAISE(ABORT, 'revisions are immutable'); END",
    "CREATE TRIGGER IF NOT EXISTS signoffs_immutable BEFORE UPDATE ON signoffs BEGIN SELECT "
    "RAISE(ABORT, 'sign-offs are immutable'); END",
    "CREATE TRIGGER IF NOT EXISTS signoffs_kept BEFORE DELETE ON signoffs BEGIN SELECT "
    "RAISE(ABORT, 'sign-offs are immutable'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_immutable BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, "
    "'audit entries are immutable'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_kept BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, "
    "'audit entries are immutable'); END",
};
const char* kPostgresGuards[] = {
    "CREATE OR REPLACE FUNCTION sanding_immutable() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '% "
    "is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS revisions_immutable ON revisions",
    "CREATE TRIGGER revisions_immutable BEFORE UPDATE OR DELETE ON revisions FOR EACH ROW EXECUTE "
    "FUNCTION sanding_immutable()",
    "DROP TRIGGER IF EXISTS signoffs_immutable ON signoffs",
    "CREATE TRIGGER signoffs_immutable BEFORE UPDATE OR DELETE ON signoffs FOR EACH ROW EXECUTE "
    "FUNCTION sanding_immutable()",
    "DROP TRIGGER IF EXISTS audit_immutable ON audit",
    "CREATE TRIGGER audit_immutable BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION "
    "sanding_immutable()",
};

User user_from(const Row& r) {
    return {text(r[0]), text(r[1]), text(r[2]), text(r[3]), text(r[4])};
}

BodyRecord body_from(const Row& r) {
    BodyRecord b;
    b.id = text(r[0]), b.name = text(r[1]), b.kind = text(r[2]), b.facts_json = text(r[3]);
    b.state = text(r[4]), b.state_changed_at = text(r[5]), b.current_revision = number(r[6]);
    return b;
}
constexpr const char* kBodyColumns =
    "id, name, kind, facts, state, state_changed_at, current_revision";

RevisionRecord revision_from(const Row& r) {
    RevisionRecord v;
    v.body = text(r[0]), v.number = number(r[1]), v.sha256 = text(r[2]), v.size = number(r[3]);
    v.author = text(r[4]), v.comment = text(r[5]), v.created_at = text(r[6]);
    v.errors = number(r[7]), v.warnings = number(r[8]), v.infos = number(r[9]),
    v.findings_json = text(r[10]);
    return v;
}
constexpr const char* kRevisionColumns =
    "body, number, sha256, size, author, comment, created_at, errors, warnings, infos, findings";

SignOff signoff_from(const Row& r) {
    return {text(r[0]), static_cast<int>(number(r[1])), text(r[2]), text(r[3]), text(r[4]),
            text(r[5])};
}

}  // namespace

void Store::migrate() {
    db_.transaction([&](Poco::Data::Session& s) {
        for (const char* ddl : kSchema) db_.query(s, ddl);
        if (db_.postgres())
            for (const char* g : kPostgresGuards) db_.query(s, g);
        else
            for (const char* g : kSqliteGuards) db_.query(s, g);
        auto v = db_.query(s, "SELECT value FROM meta WHERE key = 'schema_version'");
        if (!v.empty() && std::stoi(text(v[0][0])) > kSchemaVersion)
            throw Error("db.newer_schema", "数据库结构版本 " + text(v[0][0]) + " 比本程序支持的 " +
                                               std::to_string(kSchemaVersion) + " 新");
        // Migrations from older versions, one step at a time.
        const int from = v.empty() ? kSchemaVersion : std::stoi(text(v[0][0]));
        if (from < 2)
            db_.query(s, "ALTER TABLE reviews ADD COLUMN comments TEXT NOT NULL DEFAULT '[]'");
        put_meta(s, "schema_version", std::to_string(kSchemaVersion));
    });
}

void Store::add_user(const User& u, const std::string& password) {
    const std::string hash = crypto::hash_password(password);
    db_.transaction([&](Poco::Data::Session& s) {
        if (!add_user_if_absent(s, u, hash)) throw Error("user.exists", "用户已存在：" + u.name);
    });
}

bool Store::add_user_if_absent(Poco::Data::Session& s, const User& u,
                               const std::string& password_hash) {
    if (!db_.query(s, "SELECT name FROM users WHERE name = ?", {u.name}).empty()) return false;
    db_.query(s,
              "INSERT INTO users (name, role, body, display_name, password_hash, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?)",
              {u.name, u.role, u.body, u.display_name, password_hash, now_iso()});
    audit(s, "admin", "user.add", u.body,
          "{\"user\":\"" + u.name + "\",\"role\":\"" + u.role + "\"}");
    return true;
}

std::vector<User> Store::users() {
    std::vector<User> out;
    for (const auto& r :
         db_.query("SELECT name, role, body, display_name, password_hash FROM users ORDER BY name"))
        out.push_back(user_from(r));
    return out;
}

std::optional<User> Store::user(const std::string& name) {
    auto rows = db_.query(
        "SELECT name, role, body, display_name, password_hash FROM users WHERE name = ?", {name});
    if (rows.empty()) return std::nullopt;
    return user_from(rows[0]);
}

void Store::set_password(const std::string& name, const std::string& password) {
    const std::string hash = crypto::hash_password(password);
    db_.transaction([&](Poco::Data::Session& s) {
        if (db_.query(s, "UPDATE users SET password_hash = ? WHERE name = ? RETURNING name",
                      {hash, name})
                .empty())
            throw Error("user.unknown", "没有这个用户：" + name);
        db_.query(s, "UPDATE tokens SET revoked = 1 WHERE user_name = ?",
                  {name});  // old sessions end
        audit(s, "admin", "user.passwd", "", "{\"user\":\"" + name + "\"}");
    });
}

std::string Store::issue_token(const std::string& user, long long ttl_seconds) {
    std::string token = crypto::random_hex(32);
    // Only a hash of the token is stored: a copy of the database does not log anyone in.
    db_.query("INSERT INTO tokens (token_hash, user_name, expires_at, revoked) VALUES (?, ?, ?, 0)",
              {crypto::sha256_hex(token), user,
               static_cast<long long>(std::time(nullptr)) + ttl_seconds});
    return token;
}

std::optional<User> Store::user_for_token(const std::string& token) {
    auto rows = db_.query(
        "SELECT u.name, u.role, u.body, u.display_name, u.password_hash FROM tokens t JOIN users u "
        "ON u.name = t.user_name "
        "WHERE t.token_hash = ? AND t.revoked = 0 AND t.expires_at > ?",
        {crypto::sha256_hex(token), static_cast<long long>(std::time(nullptr))});
    if (rows.empty()) return std::nullopt;
    return user_from(rows[0]);
}

void Store::revoke_token(const std::string& token) {
    db_.query("UPDATE tokens SET revoked = 1 WHERE token_hash = ?", {crypto::sha256_hex(token)});
}

void Store::put_template(Poco::Data::Session& s, const std::string& name,
                         const std::string& content) {
    db_.query(s, "DELETE FROM templates WHERE name = ?", {name});
    db_.query(s, "INSERT INTO templates (name, content) VALUES (?, ?)", {name, content});
}

std::optional<std::string> Store::get_template(const std::string& name) {
    auto rows = db_.query("SELECT content FROM templates WHERE name = ?", {name});
    if (rows.empty()) return std::nullopt;
    return text(rows[0][0]);
}

std::vector<std::pair<std::string, std::string>> Store::templates_with_prefix(
    const std::string& prefix) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : db_.query("SELECT name, content FROM templates ORDER BY name"))
        if (text(r[0]).rfind(prefix, 0) == 0) out.emplace_back(text(r[0]), text(r[1]));
    return out;
}

void Store::put_meta(Poco::Data::Session& s, const std::string& key, const std::string& value) {
    db_.query(s, "DELETE FROM meta WHERE key = ?", {key});
    db_.query(s, "INSERT INTO meta (key, value) VALUES (?, ?)", {key, value});
}

std::optional<std::string> Store::meta(const std::string& key) {
    auto rows = db_.query("SELECT value FROM meta WHERE key = ?", {key});
    if (rows.empty()) return std::nullopt;
    return text(rows[0][0]);
}

void Store::delete_meta(Poco::Data::Session& s, const std::string& key) {
    db_.query(s, "DELETE FROM meta WHERE key = ?", {key});
}

namespace {
constexpr const char* kLoginFailuresQuery =
    "SELECT failures, blocked_until, locked FROM login_failures WHERE user_name = ?";
Store::LoginFailures login_failures_from(const Row& r) {
    return {number(r[0]), number(r[1]), number(r[2]) != 0};
}
}  // namespace

std::optional<Store::LoginFailures> Store::login_failures(const std::string& user) {
    auto rows = db_.query(kLoginFailuresQuery, {user});
    if (rows.empty()) return std::nullopt;
    return login_failures_from(rows[0]);
}

std::optional<Store::LoginFailures> Store::login_failures(Poco::Data::Session& s,
                                                          const std::string& user) {
    auto rows = db_.query(s, kLoginFailuresQuery, {user});
    if (rows.empty()) return std::nullopt;
    return login_failures_from(rows[0]);
}

void Store::put_login_failures(Poco::Data::Session& s, const std::string& user,
                               const LoginFailures& f) {
    // One statement, an upsert both SQLite (3.24+) and PostgreSQL know: the caller has just read
    // the row, and reading it again to choose INSERT or UPDATE was a second query per failure.
    db_.query(s,
              "INSERT INTO login_failures (user_name, failures, blocked_until, locked) "
              "VALUES (?, ?, ?, ?) ON CONFLICT (user_name) DO UPDATE SET failures = "
              "excluded.failures, blocked_until = excluded.blocked_until, locked = excluded.locked",
              {user, f.failures, f.blocked_until, static_cast<long long>(f.locked)});
}

void Store::clear_login_failures(Poco::Data::Session& s, const std::string& user) {
    db_.query(s, "DELETE FROM login_failures WHERE user_name = ?", {user});
}

void Store::clear_login_failures(const std::string& user) {
    db_.query("DELETE FROM login_failures WHERE user_name = ?", {user});
}

std::vector<Store::BoardEntry> Store::board_entries() {
    std::vector<BoardEntry> out;
    for (const auto& r :
         db_.query("SELECT b.id, b.name, b.state, b.state_changed_at, b.current_revision, "
                   "COALESCE(r.errors, 0), COALESCE(r.warnings, 0), b.kind "
                   "FROM bodies b LEFT JOIN revisions r ON r.body = b.id AND r.number = "
                   "b.current_revision"))
        out.push_back({text(r[0]), text(r[1]), text(r[7]), text(r[2]), text(r[3]), number(r[4]),
                       number(r[5]), number(r[6])});
    return out;
}

void Store::ping() {
    db_.query("SELECT 1");
}

void Store::upsert_body(Poco::Data::Session& s, const BodyRecord& b) {
    if (db_.query(s, "SELECT id FROM bodies WHERE id = ?", {b.id}).empty())
        db_.query(s,
                  "INSERT INTO bodies (id, name, kind, facts, state, state_changed_at, "
                  "current_revision) VALUES (?, ?, ?, ?, ?, ?, 0)",
                  {b.id, b.name, b.kind, b.facts_json, std::string("drafting"), now_iso()});
    else
        db_.query(s, "UPDATE bodies SET name = ?, kind = ?, facts = ? WHERE id = ?",
                  {b.name, b.kind, b.facts_json, b.id});
}

std::vector<BodyRecord> Store::bodies() {
    std::vector<BodyRecord> out;
    for (const auto& r :
         db_.query(std::string("SELECT ") + kBodyColumns + " FROM bodies ORDER BY id"))
        out.push_back(body_from(r));
    return out;
}

std::optional<BodyRecord> Store::body(const std::string& id) {
    auto s = db_.session();
    return body(s, id);
}

std::optional<BodyRecord> Store::body(Poco::Data::Session& s, const std::string& id) {
    auto rows =
        db_.query(s, std::string("SELECT ") + kBodyColumns + " FROM bodies WHERE id = ?", {id});
    if (rows.empty()) return std::nullopt;
    return body_from(rows[0]);
}

bool Store::move(Poco::Data::Session& s, const std::string& body, WorkflowState from,
                 WorkflowState to, long long current_revision) {
    // Conditional: a concurrent move (another server instance) makes this one a no-op.
    if (current_revision >= 0)
        return !db_.query(s,
                          "UPDATE bodies SET state = ?, state_changed_at = ?, current_revision = ? "
                          "WHERE id = ? AND state = ? RETURNING id",
                          {std::string(to_string(to)), now_iso(), current_revision, body,
                           std::string(to_string(from))})
                    .empty();
    return !db_.query(s,
                      "UPDATE bodies SET state = ?, state_changed_at = ? WHERE id = ? AND state = "
                      "? RETURNING id",
                      {std::string(to_string(to)), now_iso(), body, std::string(to_string(from))})
                .empty();
}

long long Store::next_revision_number(Poco::Data::Session& s, const std::string& body) {
    auto rows =
        db_.query(s, "SELECT COALESCE(MAX(number), 0) FROM revisions WHERE body = ?", {body});
    return number(rows[0][0]) + 1;
}

void Store::add_revision(Poco::Data::Session& s, const RevisionRecord& r,
                         const std::string& odt_bytes) {
    db_.query(s,
              "INSERT INTO revisions (body, number, sha256, size, author, comment, created_at, "
              "errors, warnings, infos, findings, content) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {r.body, r.number, r.sha256, r.size, r.author, r.comment, r.created_at, r.errors,
               r.warnings, r.infos, r.findings_json, crypto::base64_encode(odt_bytes)});
}

std::vector<RevisionRecord> Store::revisions(const std::string& body) {
    std::vector<RevisionRecord> out;
    for (const auto& r : db_.query(std::string("SELECT ") + kRevisionColumns +
                                       " FROM revisions WHERE body = ? ORDER BY number",
                                   {body}))
        out.push_back(revision_from(r));
    return out;
}

std::optional<RevisionRecord> Store::revision(const std::string& body, long long n) {
    auto rows = db_.query(
        std::string("SELECT ") + kRevisionColumns + " FROM revisions WHERE body = ? AND number = ?",
        {body, n});
    if (rows.empty()) return std::nullopt;
    return revision_from(rows[0]);
}

std::optional<RevisionRecord> Store::revision(Poco::Data::Session& s, const std::string& body,
                                              long long n) {
    auto rows = db_.query(
        s,
        std::string("SELECT ") + kRevisionColumns + " FROM revisions WHERE body = ? AND number = ?",
        {body, n});
    if (rows.empty()) return std::nullopt;
    return revision_from(rows[0]);
}

std::optional<std::string> Store::revision_bytes(const std::string& body, long long n) {
    auto rows =
        db_.query("SELECT content, sha256 FROM revisions WHERE body = ? AND number = ?", {body, n});
    if (rows.empty()) return std::nullopt;
    // Never serve or export bytes that are not the ones recorded (a row changed in the database).
    auto bytes = crypto::base64_decode(text(rows[0][0]));
    if (!bytes || crypto::sha256_hex(*bytes) != text(rows[0][1]))
        throw Error("revision.corrupt",
                    "修订" + std::to_string(n) +
                        " 的存储内容与记录的 SHA-256 不符（数据库中的内容被改动过），拒绝提供",
                    body);
    return bytes;
}

void Store::add_review(Poco::Data::Session& s, const ReviewRecord& r) {
    db_.query(s,
              "INSERT INTO reviews (body, revision, reviewer, verdict, comment, comments, "
              "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
              {r.body, r.revision, r.reviewer, r.verdict, r.comment, r.comments_json, now_iso()});
}

std::vector<ReviewRecord> Store::reviews(const std::string& body) {
    std::vector<ReviewRecord> out;
    for (const auto& r : db_.query("SELECT revision, reviewer, verdict, comment, comments, "
                                   "created_at FROM reviews WHERE body = ? "
                                   "ORDER BY created_at, revision",
                                   {body}))
        out.push_back(
            {body, number(r[0]), text(r[1]), text(r[2]), text(r[3]), text(r[4]), text(r[5])});
    return out;
}

std::optional<std::pair<std::string, std::string>> Store::last_action(const std::string& body,
                                                                      const std::string& action) {
    auto rows = db_.query(
        "SELECT actor, at FROM audit WHERE body = ? AND action = ? ORDER BY seq DESC LIMIT 1",
        {body, action});
    if (rows.empty()) return std::nullopt;
    return std::make_pair(text(rows[0][0]), text(rows[0][1]));
}

void Store::add_signoff(Poco::Data::Session& s, const SignOff& so) {
    db_.query(s,
              "INSERT INTO signoffs (body, revision, sha256, signer, signed_at, signature) VALUES "
              "(?, ?, ?, ?, ?, ?)",
              {so.body, static_cast<long long>(so.revision), so.sha256, so.signer, so.signed_at,
               so.signature});
}

std::vector<SignOff> Store::signoffs() {
    std::vector<SignOff> out;
    for (const auto& r : db_.query("SELECT body, revision, sha256, signer, signed_at, signature "
                                   "FROM signoffs ORDER BY body, revision"))
        out.push_back(signoff_from(r));
    return out;
}

std::optional<SignOff> Store::signoff(const std::string& body) {
    auto rows = db_.query(
        "SELECT body, revision, sha256, signer, signed_at, signature FROM signoffs WHERE body = ? "
        "ORDER BY revision DESC",
        {body});
    if (rows.empty()) return std::nullopt;
    return signoff_from(rows[0]);
}

void Store::audit(Poco::Data::Session& s, const std::string& actor, const std::string& action,
                  const std::string& body, const std::string& detail_json) {
    auto last = db_.query(s, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    AuditEntry e;
    e.seq = last.empty() ? 1 : number(last[0][0]) + 1;
    e.prev_hash = last.empty() ? std::string() : text(last[0][1]);
    e.at = now_iso(), e.actor = actor, e.action = action, e.body = body, e.detail = detail_json;
    if (audit_key_.secret.empty()) throw Error("audit.no_key", "审计密钥未载入，无法写审计日志");
    e.hash = audit_hash(e, audit_key_);
    // A concurrent writer taking the same seq fails this insert on the key; the transaction is
    // retried.
    db_.query(s,
              "INSERT INTO audit (seq, at, actor, action, body, detail, prev_hash, hash) VALUES "
              "(?, ?, ?, ?, ?, ?, ?, ?)",
              {e.seq, e.at, e.actor, e.action, e.body, e.detail, e.prev_hash, e.hash});
}

std::vector<AuditEntry> Store::audit_entries() {
    std::vector<AuditEntry> out;
    for (const auto& r : db_.query("SELECT seq, at, actor, action, body, detail, prev_hash, hash "
                                   "FROM audit ORDER BY seq")) {
        AuditEntry e;
        e.seq = number(r[0]), e.at = text(r[1]), e.actor = text(r[2]), e.action = text(r[3]);
        e.body = text(r[4]), e.detail = text(r[5]), e.prev_hash = text(r[6]), e.hash = text(r[7]);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace sanding::server
