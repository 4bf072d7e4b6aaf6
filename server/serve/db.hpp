// The server's database through Poco::Data: an SQLite file by default (nothing to install), or
// PostgreSQL for several server instances. SQL is written once with ? placeholders.
#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace sanding::server {

using Value = std::variant<std::string, long long>;
using Row = std::vector<Value>;

std::string text(const Value& v);
long long number(const Value& v);

class Db {
public:
    // url: sqlite:PATH or postgresql://user[:password]@host[:port]/dbname. Error db.* on a bad URL
    // or a database that cannot be opened.
    explicit Db(const std::string& url, int max_sessions = 16);

    bool postgres() const { return postgres_; }
    const std::string& url() const { return url_; }

    // One statement; rows of the result (empty for statements without one).
    std::vector<Row> query(Poco::Data::Session& s, const std::string& sql,
                           const std::vector<Value>& params = {}) const;
    std::vector<Row> query(const std::string& sql, const std::vector<Value>& params = {});
    // Runs fn in one transaction (BEGIN IMMEDIATE on SQLite, so writers queue instead of failing);
    // retried a few times when it fails on a unique key raced by another writer.
    void transaction(const std::function<void(Poco::Data::Session&)>& fn);

    Poco::Data::Session session();

private:
    void prepare(Poco::Data::Session& s);
    std::string url_;
    bool postgres_ = false;
    std::unique_ptr<Poco::Data::SessionPool> pool_;
};

// Thrown inside a transaction to retry it (a unique key taken by a concurrent writer).
struct RetryTransaction {};

}  // namespace sanding::server
