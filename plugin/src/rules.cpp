#include "rules.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "client.hpp"
#include "framework_cache.hpp"
#include "profile.hpp"
#include "sanding/error.hpp"
#include "sanding/file.hpp"
#include "status.hpp"
#include "worker.hpp"

const std::vector<std::pair<std::string, std::string>>& embedded_rule_files();  // generated

namespace sanding::plugin {
namespace {

std::mutex mutex;
std::shared_ptr<const Checker> checker;
std::string etag;

std::shared_ptr<const Checker> build(
    const std::vector<std::pair<std::string, std::string>>& files) {
    std::vector<RuleSet> sets;
    for (const auto& [name, xml] : files) sets.push_back(parse_rule_set(xml, name));
    auto c = std::make_shared<Checker>(std::move(sets));
    c->verify_examples(nullptr);  // a rule set whose examples fail is refused, as on the server
    return c;
}

std::vector<std::pair<std::string, std::string>> cached_files(std::string* cached_etag) {
    std::vector<std::pair<std::string, std::string>> files;
    const std::string dir = rules_cache_dir();
    std::error_code ec;
    if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return files;
    for (const auto& f : rule_files_in(dir))
        files.emplace_back(std::filesystem::path(f).filename().string(), read_file(f, 8u << 20));
    std::ifstream e(dir + "/etag");
    std::getline(e, *cached_etag);
    return files;
}

void install(std::shared_ptr<const Checker> c, const std::string& new_etag) {
    std::lock_guard<std::mutex> lock(mutex);
    checker = std::move(c);
    etag = new_etag;
}

}  // namespace

std::string rules_cache_dir() {
    const std::string user = profile_user_dir();
    return user.empty() ? user : user + "/sanding-rules";
}

std::shared_ptr<const Checker> current_checker() {
    static std::once_flag once;
    static std::string problem;  // set once, inside call_once
    static std::atomic<bool> told{false};
    std::call_once(once, [] {
        // The profile's cached server rules first (offline use), else the built-in ones.
        try {
            std::string cached_etag;
            auto files = cached_files(&cached_etag);
            if (!files.empty()) return install(build(files), cached_etag);
        } catch (const std::exception& e) {
            // A broken cache must not leave the proofreader checking nothing: the built-in rules
            // apply, and the status item says why.
            problem = "服务器规则载入失败，改用内置规则";
            log_error("rules cache", e.what());
        }
        try {
            install(build(embedded_rule_files()), "");
        } catch (const std::exception& e) {
            problem = "规则载入失败，无法检查";
            log_error("built-in rules", e.what());
        }
    });
    // Told outside call_once: the status text asks for the checker again.
    if (!problem.empty() && !told.exchange(true)) report_rules_problem(problem);
    std::lock_guard<std::mutex> lock(mutex);
    return checker;
}

std::string rules_etag() {
    current_checker();
    std::lock_guard<std::mutex> lock(mutex);
    return etag;
}

bool refresh_rules() {
    // One refresh at a time: each renames the cache directories.
    static std::mutex refreshing;
    std::lock_guard<std::mutex> one(refreshing);
    const std::string known = rules_etag();
    Connection::Headers headers;
    if (!known.empty()) headers.emplace_back("If-None-Match", known);
    const HttpAnswer a =
        Connection::instance().get("/api/v1/rules", headers);  // the status hears of it
    if (a.status != 200) return false;                         // 304: ours are current
    try {
        auto o = Poco::JSON::Parser().parse(a.body).extract<Poco::JSON::Object::Ptr>();
        std::vector<std::pair<std::string, std::string>> files;
        auto list = o->getArray("files");
        for (std::size_t i = 0; list && i < list->size(); ++i) {
            auto f = list->getObject(static_cast<unsigned>(i));
            const std::string name = f->getValue<std::string>("name");
            if (name.find('/') != std::string::npos || name.find("..") != std::string::npos)
                return false;  // never outside the cache
            files.emplace_back(name, f->getValue<std::string>("content"));
        }
        if (files.empty()) return false;
        auto c = build(files);  // throws on a broken rule set: the current rules stay
        const std::string new_etag = o->getValue<std::string>("etag");
        const std::string dir = rules_cache_dir();
        if (!dir.empty()) {
            const std::string tmp = dir + ".new";
            std::filesystem::remove_all(tmp);
            std::filesystem::create_directories(tmp);
            for (const auto& [name, xml] : files)
                std::ofstream(tmp + "/" + name, std::ios::binary) << xml;
            std::ofstream(tmp + "/etag") << new_etag;
            std::filesystem::remove_all(dir);
            std::filesystem::rename(tmp, dir);
        }
        install(std::move(c), new_etag);
        report_rules_problem("");
    } catch (const std::exception&) {
        return false;  // an answer that is not a good rule set: the rules in use stay
    }
    report_rules_changed();
    return true;
}

void refresh_rules_in_background(const css::uno::Reference<css::uno::XComponentContext>& ctx) {
    run_on_worker(ctx, [] {
        try {
            refresh_rules();
            refresh_framework();  // the quota 检查全文 checks staffing against
        } catch (const ServerError&) {
            // Offline: the status says so; the rules in use stay and the proofreader never waits.
        }
    });
}

}  // namespace sanding::plugin
