#include "db.hpp"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <filesystem>
#include <mutex>
#include <thread>

#include "sanding/error.hpp"

using namespace Poco::Data::Keywords;

namespace sanding::server {

std::string text(const Value& v) {
    return std::holds_alternative<std::string>(v) ? std::get<std::string>(v)
                                                  : std::to_string(std::get<long long>(v));
}
long long number(const Value& v) {
    return std::holds_alternative<long long>(v) ? std::get<long long>(v)
                                                : std::stoll(std::get<std::string>(v));
}

namespace {

void register_connectors() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

// ? → $1, $2 … for PostgreSQL (outside quoted strings).
std::string to_postgres(const std::string& sql) {
    std::string out;
    int n = 0;
    bool quoted = false;
    for (char c : sql) {
        if (c == '\'') quoted = !quoted;
        if (c == '?' && !quoted)
            out += "$" + std::to_string(++n);
        else
            out += c;
    }
    return out;
}

bool unique_violation(const std::exception& e) {
    // Poco's what() is only the exception's name ("PostgreSQL"); the server's words are in
    // displayText().
    // Only the database's own errors: a refusal (ApiError) quoting a user's words is never one.
    const auto* poco = dynamic_cast<const Poco::Exception*>(&e);
    if (!poco) return false;
    const std::string m = poco->displayText();
    return m.find("UNIQUE constraint") != std::string::npos ||
           m.find("duplicate key") != std::string::npos || m.find("23505") != std::string::npos;
}

}  // namespace

Db::Db(const std::string& url, int max_sessions) : url_(url) {
    register_connectors();
    std::string connector, connection;
    if (url.rfind("sqlite:", 0) == 0) {
        connector = "SQLite";
        connection = url.substr(7);
        if (connection.empty()) throw Error("db.bad_url", "SQLite 数据库路径为空：" + url);
        const auto dir = std::filesystem::path(connection).parent_path();
        std::error_code ec;
        if (!dir.empty()) std::filesystem::create_directories(dir, ec);
    } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
        connector = "PostgreSQL";
        postgres_ = true;
        Poco::URI uri(url);
        std::string user = uri.getUserInfo(), password;
        if (auto colon = user.find(':'); colon != std::string::npos)
            password = user.substr(colon + 1), user = user.substr(0, colon);
        connection = "host=" + uri.getHost() +
                     " port=" + std::to_string(uri.getPort() ? uri.getPort() : 5432) +
                     " dbname=" + uri.getPath().substr(uri.getPath().empty() ? 0 : 1) +
                     (user.empty() ? "" : " user=" + user) +
                     (password.empty() ? "" : " password=" + password) + " connect_timeout=5";
    } else {
        throw Error(
            "db.bad_url",
            "数据库地址应为 sqlite:路径 或 postgresql://用户@主机:端口/库名，而不是：" + url);
    }
    try {
        pool_ =
            std::make_unique<Poco::Data::SessionPool>(connector, connection, 1, max_sessions, 60);
        auto s = session();
        if (!postgres_) s << "PRAGMA journal_mode=WAL", now;  // kept in the database file
        query(s, "SELECT 1");
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw Error("db.unavailable", std::string("无法连接数据库：") + e.what(), url);
    }
}

Poco::Data::Session Db::session() {
    // A full pool waits (up to 15 s) rather than failing the request.
    for (int waited_ms = 0;; waited_ms += 2) {
        try {
            Poco::Data::Session s = pool_->get();
            prepare(s);
            return s;
        } catch (const Poco::Data::SessionPoolExhaustedException&) {
            if (waited_ms >= 15000) throw Error("db.busy", "数据库连接已满，请稍后重试");
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }
}

void Db::prepare(Poco::Data::Session& s) {
    // Per-connection settings, set on every checkout: a pooled connection may be new (the pool
    // closes idle ones), and its address says nothing. Durable commits (kill -9 loses nothing that
    // was answered 201) and writers that wait instead of failing.
    if (!postgres_) s << "PRAGMA synchronous=FULL; PRAGMA busy_timeout=15000", now;
}

std::vector<Row> Db::query(Poco::Data::Session& s, const std::string& sql,
                           const std::vector<Value>& params) const {
    Poco::Data::Statement st(s);
    st << (postgres_ ? to_postgres(sql) : sql);
    for (const auto& p : params) {
        if (std::holds_alternative<std::string>(p))
            st, bind(std::get<std::string>(p));
        else
            st, bind(static_cast<Poco::Int64>(std::get<long long>(p)));
    }
    st.execute();
    std::vector<Row> rows;
    if (st.columnsExtracted() == 0) return rows;
    Poco::Data::RecordSet rs(st);
    const std::size_t cols = rs.columnCount();
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
        Row row;
        for (std::size_t c = 0; c < cols; ++c) {
            const Poco::Dynamic::Var v = rs.value(c);
            if (v.isEmpty())
                row.emplace_back(std::string());
            else if (v.isInteger())
                row.emplace_back(static_cast<long long>(v.convert<Poco::Int64>()));
            else
                row.emplace_back(v.convert<std::string>());
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<Row> Db::query(const std::string& sql, const std::vector<Value>& params) {
    auto s = session();
    return query(s, sql, params);
}

void Db::transaction(const std::function<void(Poco::Data::Session&)>& fn) {
    for (int attempt = 0;; ++attempt) {
        auto s = session();
        s << (postgres_ ? "BEGIN" : "BEGIN IMMEDIATE"), now;
        try {
            // Writers queue on PostgreSQL as on SQLite (BEGIN IMMEDIATE), across every server
            // instance: otherwise concurrent uploads all take the same next revision number and
            // audit seq, and all but one fail on the key, again and again, past the retries.
            if (postgres_) query(s, "SELECT 1 FROM pg_advisory_xact_lock(7061636)");
            fn(s);
            s << "COMMIT", now;
            return;
        } catch (const RetryTransaction&) {
            s << "ROLLBACK", now;
            if (attempt >= 8) throw Error("db.busy", "数据库繁忙，请稍后重试");
        } catch (const std::exception& e) {
            try {
                s << "ROLLBACK", now;
            } catch (...) {
            }
            if (!unique_violation(e) || attempt >= 8) throw;
        } catch (...) {
            // Anything else thrown inside (every error type of the server is a std::exception,
            // this is for whatever else): without the rollback the pooled session went back
            // still inside BEGIN (IMMEDIATE), holding SQLite's write lock.
            try {
                s << "ROLLBACK", now;
            } catch (...) {
            }
            throw;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5 * (attempt + 1)));
    }
}

}  // namespace sanding::server
