#include "app.hpp"

#include <Poco/Net/NameValueCollection.h>
#include "key_file.hpp"

#include <Poco/JSON/Object.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "sanding/boundaries.hpp"
#include "sanding/check/report.hpp"
#include "sanding/crypto.hpp"
#include "sanding/error.hpp"
#include "sanding/file.hpp"
#include "sanding/permission.hpp"
#include "sanding/text.hpp"
#include "uri.hpp"

namespace sanding::server {

namespace {

std::string body_facts_json(const BodyFacts& b) {
    Poco::JSON::Object o;
    o.set("full_name", b.full_name);
    o.set("short_name", b.short_name);
    o.set("rank", b.rank);
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

}  // namespace

void initialise(Db& db, const std::string& key_path, const std::string& framework_path,
                const std::string& templates_dir) {
    Store store(db);
    store.migrate();
    const std::string fw_xml = read_file(framework_path, 16u << 20);
    const Framework fw = parse_framework(fw_xml, framework_path);
    // Validate everything before storing anything.
    std::vector<std::pair<std::string, std::string>> texts, rules;
    for (const auto& f : rule_files_in(templates_dir + "/model-texts")) {
        std::string xml = read_file(f, 4u << 20);
        parse_model_text(xml, f);
        texts.emplace_back("model-text/" + std::filesystem::path(f).filename().string(), xml);
    }
    std::vector<RuleSet> sets;
    for (const auto& f : rule_files_in(templates_dir + "/rules")) {
        std::string xml = read_file(f, 8u << 20);
        sets.push_back(parse_rule_set(xml, f));
        rules.emplace_back("rules/" + std::filesystem::path(f).filename().string(), xml);
    }
    Checker(std::move(sets)).verify_examples(&fw);
    // The duty catalogue beside the framework's file name (catalogue/demo-district.xml), if any.
    std::string catalogue;
    const std::string catalogue_path =
        templates_dir + "/catalogue/" + std::filesystem::path(framework_path).filename().string();
    if (std::filesystem::exists(catalogue_path))
        parse_catalogue(catalogue = read_file(catalogue_path, 8u << 20), catalogue_path);
    store.set_audit_key(open_server_keys(store, key_path, true).audit);

    db.transaction([&](Poco::Data::Session& s) {
        store.put_template(s, "framework.xml", fw_xml);
        for (const auto& [name, xml] : texts) store.put_template(s, name, xml);
        for (const auto& [name, xml] : rules) store.put_template(s, name, xml);
        if (!catalogue.empty()) store.put_template(s, "catalogue.xml", catalogue);
        for (const auto& b : fw.bodies)
            store.upsert_body(
                s, {b.id, b.name, std::string(to_string(b.kind)), "", "", body_facts_json(b), 0});
        store.audit(s, "admin", "server.init", "",
                    "{\"framework\":\"" + fw.id +
                        "\",\"bodies\":" + std::to_string(fw.bodies.size()) + "}");
    });
}

// Every request thread may hold a database session: the pool is at least as large.
App::App(ServerConfig config)
    : config_(std::move(config)),
      db_(config_.db, std::max(config_.db_sessions, config_.threads)),
      store_(db_),
      token_cache_(std::chrono::seconds(config_.token_cache_seconds)),
      check_cache_(static_cast<std::size_t>(config_.check_cache_bytes)) {
    store_.migrate();
    dummy_hash_ = crypto::hash_password(crypto::random_hex(16));
    auto fw_xml = store_.get_template("framework.xml");
    if (!fw_xml)
        throw Error("server.not_initialised",
                    "数据库尚未初始化：请先运行 sanding admin init --framework FILE", config_.db);
    framework_ = parse_framework(*fw_xml, "db:framework.xml");
    for (const auto& [name, xml] : store_.templates_with_prefix("model-text/")) {
        ModelText mt = parse_model_text(xml, "db:" + name);
        model_texts_.emplace(mt.kind, std::move(mt));
    }
    std::vector<RuleSet> sets;
    std::string all_rules;
    for (const auto& [name, xml] : store_.templates_with_prefix("rules/")) {
        sets.push_back(parse_rule_set(xml, "db:" + name));
        all_rules += name + '\0' + xml + '\0';
    }
    checker_ = std::make_unique<Checker>(std::move(sets));
    checker_->verify_examples(&framework_);
    rules_etag_ = "\"" + crypto::sha256_hex(all_rules).substr(0, 32) + "\"";
    // The key lives in its own file; an older database's key is moved there on first start.
    const ServerKeys keys =
        open_server_keys(store_, key_file_path(config_.key_file, config_.db), false);
    private_key_ = keys.private_pem;
    public_key_ = keys.public_pem;
    fingerprint_ = keys.fingerprint();
    store_.set_audit_key(keys.audit);
}

const ModelText& App::model_text(BodyKind kind) const {
    auto it = model_texts_.find(kind);
    if (it == model_texts_.end())
        throw ApiError{500, "server.no_model_text", "服务器没有该类机构的范本"};
    return it->second;
}

std::string session_cookie(const Poco::Net::HTTPServerRequest& req) {
    Poco::Net::NameValueCollection cookies;
    req.getCookies(cookies);
    return cookies.get(kSessionCookie, "");
}

std::string csrf_token(const std::string& session_token) {
    return crypto::sha256_hex("sanding-csrf\n" + session_token);
}

User App::authenticate(const Poco::Net::HTTPServerRequest& req) {
    const std::string auth = req.get("Authorization", "");
    std::string token;
    if (auth.rfind("Bearer ", 0) == 0) {
        token = auth.substr(7);
    } else {
        // The browser workspace: the session token in an HttpOnly cookie, and every state change
        // carrying the CSRF token that only a page of this origin could have read.
        token = session_cookie(req);
        if (token.empty())
            throw ApiError{401, "auth.required", "请先登录（缺少 Authorization: Bearer 令牌）"};
        const std::string& m = req.getMethod();
        if (m != "GET" && m != "HEAD" && req.get("X-CSRF-Token", "") != csrf_token(token))
            throw ApiError{403, "auth.csrf",
                           "请求缺少有效的 CSRF 令牌，未执行（请刷新页面后重试）"};
    }
    if (token.size() != 64 || token.find_first_not_of("0123456789abcdef") != std::string::npos)
        throw ApiError{401, "auth.invalid_token", "令牌无效，请重新登录"};
    if (auto known = token_cache_.find(token)) return *known;
    auto u = store_.user_for_token(token);
    if (!u) throw ApiError{401, "auth.invalid_token", "令牌无效或已过期，请重新登录"};
    token_cache_.remember(token, *u);
    return *u;
}

void App::revoke(const std::string& token) {
    store_.revoke_token(token);
    token_cache_.forget(token);
}

bool App::can_see(const User& u, const std::string& body_id) const {
    // An unknown role counts as the least privileged (a drafter): its own body at most.
    return may_see_body(role_from_string(u.role).value_or(Role::Drafter), u.body, body_id);
}

BodyRecord App::visible_body(const User& u, const std::string& id) {
    if (!can_see(u, id)) throw ApiError{404, "body.not_found", "没有这个机构：" + id};
    auto b = store_.body(id);
    if (!b) throw ApiError{404, "body.not_found", "没有这个机构：" + id};
    return *b;
}

void App::log(const std::string& level, const std::string& message) {
    if (config_.log_level == "error" && level != "error") return;
    std::lock_guard<std::mutex> lock(log_mutex_);
    std::string line = "{\"ts\":\"" + now_iso() + "\",\"level\":\"" + level + "\",\"msg\":";
    json_string(line, printable(message));
    std::cerr << line << "}\n";
}

void App::log_request(const Poco::Net::HTTPServerRequest& req, int status,
                      std::chrono::steady_clock::duration took, const std::string& user) {
    if (config_.log_level == "error" && status < 500) return;
    const double ms = std::chrono::duration<double, std::milli>(took).count();
    std::string line =
        "{\"ts\":\"" + now_iso() + "\",\"level\":\"info\",\"msg\":\"request\",\"method\":";
    // Method and target come from the client as they were sent: escaped, so no line can forge keys.
    json_string(line, printable(req.getMethod()));
    line += ",\"path\":";
    json_string(line, printable(req.getURI()));
    line +=
        ",\"status\":" + std::to_string(status) + ",\"ms\":" + std::to_string(ms) + ",\"user\":";
    json_string(line, printable(user));
    line += "}\n";
    std::lock_guard<std::mutex> lock(log_mutex_);
    std::cerr << line;
}

}  // namespace sanding::server
