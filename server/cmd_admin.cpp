// sanding admin: load the district, manage users, verify the audit chain.
#include <cstdio>
#include <iostream>
#include <thread>

#include "cli.hpp"
#include "commands.hpp"
#include "sanding/crypto.hpp"
#include "sanding/error.hpp"
#include "sanding/framework.hpp"
#include "sanding/permission.hpp"
#include "serve/app.hpp"
#include "serve/key_file.hpp"
#include "serve/login_guard.hpp"
#include "serve/store.hpp"

namespace sanding::cli {

server::ServerConfig server_config(const Args& args);

namespace {

std::string read_password(const Args& args) {
    if (!args.has("password-stdin")) return crypto::random_hex(8);  // printed once
    std::string line;
    std::getline(std::cin, line);
    if (line.size() < 8) throw UsageError{"密码至少 8 个字符"};
    return line;
}

bool valid_name(const std::string& n) {
    return !n.empty() && n.size() <= 64 &&
           n.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_.") == std::string::npos;
}

// One drafter and one head per body, two reviewers, one office user, one admin; passwords
// printed once. Hashing 600,000 PBKDF2 rounds per user, on every core.
int demo_users(server::Store& store, const Framework& fw) {
    std::vector<server::User> users;
    for (const auto& b : fw.bodies) {
        users.push_back({"drafter-" + b.id, "drafter", b.id, b.name + "起草人", ""});
        users.push_back({"head-" + b.id, "head", b.id, b.name + "主要负责人", ""});
    }
    users.push_back({"reviewer-1", "reviewer", "", "编办审核组一", ""});
    users.push_back({"reviewer-2", "reviewer", "", "编办审核组二", ""});
    users.push_back({"office", "office", "", "协调小组办公室", ""});
    users.push_back({"admin", "admin", "", "系统管理员", ""});
    std::vector<std::string> passwords(users.size());
    for (auto& p : passwords) p = crypto::random_hex(6);
    std::vector<std::string> hashes(users.size());
    const unsigned workers = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (unsigned w = 0; w < workers; ++w)
        pool.emplace_back([&, w] {
            for (std::size_t i = w; i < users.size(); i += workers)
                hashes[i] = crypto::hash_password(passwords[i]);
        });
    for (auto& t : pool) t.join();
    int added = 0;
    store.db().transaction([&](Poco::Data::Session& s) {
        for (std::size_t i = 0; i < users.size(); ++i) {
            if (!store.add_user_if_absent(s, users[i], hashes[i])) continue;
            std::printf("  %-28s %-9s %s\n", users[i].name.c_str(), passwords[i].c_str(),
                        users[i].display_name.c_str());
            ++added;
        }
    });
    return added;
}

}  // namespace

int cmd_admin(const std::vector<std::string>& argv) {
    Args args = parse_args(
        argv,
        {"config", "db", "key-file", "framework", "templates", "role", "body", "display-name"},
        {"password-stdin", "demo-users", "help"});
    if (args.has("help") || args.positional.empty()) {
        std::puts(
            "用法: sanding admin init [--framework F] [--demo-users] [--db URL]   "
            "载入框架、范本、规则，生成签名密钥\n"
            "      sanding admin user add NAME --role drafter|head|reviewer|office|admin [--body "
            "ID] [--display-name 名称] [--password-stdin]\n"
            "      sanding admin user list | user passwd NAME [--password-stdin] | user unlock "
            "NAME\n"
            "      sanding admin key show                                          "
            "显示服务器公钥及其指纹\n"
            "      sanding admin audit verify                                      "
            "以密钥文件中的审计密钥重算审计日志的哈希链");
        return args.has("help") ? 0 : 2;
    }
    const server::ServerConfig config = server_config(args);
    server::Db db(config.db, 4);
    server::Store store(db);
    const std::string& verb = args.positional[0];
    const std::string key_path = server::key_file_path(config.key_file, config.db);

    if (verb == "init") {
        server::initialise(db, key_path, framework_path(args), templates_dir(args));
        const Framework fw = load_framework(framework_path(args));
        std::printf("已初始化：%s%s，%zu 个机构（%s）\n", fw.district.city.c_str(),
                    fw.district.name.c_str(), fw.bodies.size(), config.db.c_str());
        const server::ServerKeys keys = server::open_server_keys(store, key_path, false);
        store.set_audit_key(keys.audit);
        std::printf("服务器密钥文件：%s（权限 0600，请妥善备份）\n公钥指纹：%s\n", key_path.c_str(),
                    keys.fingerprint().c_str());
        if (args.has("demo-users")) {
            std::puts("演示用户（密码只显示这一次）：");
            const int n = demo_users(store, fw);
            if (n == 0) std::puts("  （演示用户已存在，未重新生成）");
        }
        return 0;
    }
    if (verb == "key" && args.positional.size() == 2 && args.positional[1] == "show") {
        store.migrate();
        const server::ServerKeys keys = server::open_server_keys(store, key_path, false);
        std::printf("密钥文件：%s\n公钥指纹：%s\n%s", key_path.c_str(), keys.fingerprint().c_str(),
                    keys.public_pem.c_str());
        return 0;
    }
    store.migrate();
    store.set_audit_key(server::open_server_keys(store, key_path, false).audit);
    if (verb == "user" && args.positional.size() >= 2) {
        const std::string& sub = args.positional[1];
        if (sub == "list") {
            for (const auto& u : store.users())
                std::printf("%-28s %-9s %-20s %s\n", u.name.c_str(), u.role.c_str(), u.body.c_str(),
                            u.display_name.c_str());
            return 0;
        }
        if (args.positional.size() != 3) throw UsageError{"须指定用户名"};
        const std::string name = args.positional[2];
        if (sub == "add") {
            if (!valid_name(name))
                throw UsageError{"用户名只能由小写字母、数字和 - _ . 组成：" + name};
            const auto role = role_from_string(args.get("role"));
            if (!role) throw UsageError{"--role 应为 drafter、head、reviewer、office 或 admin"};
            const bool per_body = belongs_to_one_body(*role);
            if (per_body != args.has("body"))
                throw UsageError{per_body ? "起草人和主要负责人须用 --body 指定机构"
                                          : "只有起草人和主要负责人属于某个机构"};
            if (per_body && !store.body(args.get("body")))
                throw Error("user.unknown_body", "数据库中没有这个机构：" + args.get("body"));
            const std::string password = read_password(args);
            store.add_user(
                {name, args.get("role"), args.get("body"), args.get("display-name", name), ""},
                password);
            if (!args.has("password-stdin"))
                std::printf("已添加 %s，初始密码：%s\n", name.c_str(), password.c_str());
            else
                std::printf("已添加 %s\n", name.c_str());
            return 0;
        }
        if (sub == "unlock") {
            if (!store.user(name)) throw Error("user.not_found", "没有这个用户：" + name);
            if (server::LoginGuard::unlock(store, name, "admin"))
                std::printf("已解锁 %s\n", name.c_str());
            else
                std::printf("%s 未被锁定（已清除其登录失败记录）\n", name.c_str());
            return 0;
        }
        if (sub == "passwd") {
            const std::string password = read_password(args);
            store.set_password(name, password);
            if (!args.has("password-stdin"))
                std::printf("%s 的新密码：%s\n", name.c_str(), password.c_str());
            return 0;
        }
    }
    if (verb == "audit" && args.positional.size() == 2 && args.positional[1] == "verify") {
        const auto entries = store.audit_entries();
        if (auto bad = first_broken(entries, store.audit_key())) {
            std::printf("审计日志哈希链在第 %lld 条断开：该条或其前一条被改动过（共 %zu 条）\n",
                        *bad, entries.size());
            return 1;
        }
        std::printf("审计日志完好：%zu 条，哈希链逐条校验通过\n", entries.size());
        return 0;
    }
    throw UsageError{"未知的 admin 子命令"};
}

}  // namespace sanding::cli
