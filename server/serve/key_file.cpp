#include "key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "db.hpp"
#include "sanding/crypto.hpp"
#include "sanding/error.hpp"
#include "sanding/file.hpp"
#include "store.hpp"

namespace sanding::server {
namespace {

constexpr const char* kAuditLine = "sanding-audit-key: ";
constexpr const char* kKeyedFromLine = "sanding-audit-keyed-from: ";

std::string line_value(const std::string& text, const char* prefix) {
    const auto at = text.find(prefix);
    if (at == std::string::npos) return {};
    const auto start = at + std::string(prefix).size();
    return text.substr(start, text.find('\n', start) - start);
}

ServerKeys parse(const std::string& text, const std::string& path) {
    ServerKeys k;
    const auto end = text.find("-----END PRIVATE KEY-----");
    if (end == std::string::npos) throw Error("key.invalid", "密钥文件中没有私钥", path);
    k.private_pem = text.substr(0, end + 25) + "\n";
    k.public_pem = crypto::public_pem_of(k.private_pem);
    k.audit.secret = line_value(text, kAuditLine);
    const std::string from = line_value(text, kKeyedFromLine);
    if (k.public_pem.empty() || k.audit.secret.size() != 64 || from.empty())
        throw Error("key.invalid", "密钥文件不完整或已损坏（需要私钥、审计密钥和起始序号）", path);
    k.audit.keyed_from = std::stoll(from);
    return k;
}

void write_new(const std::string& path, const ServerKeys& k) {
    std::filesystem::path p(path);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) throw Error("key.cannot_write", "无法创建密钥文件", path);
    const std::string text = k.private_pem + kAuditLine + k.audit.secret + "\n" + kKeyedFromLine +
                             std::to_string(k.audit.keyed_from) + "\n";
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                    ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) throw Error("key.cannot_write", "写入密钥文件失败", path);
}

long long next_audit_seq(Store& store) {
    const auto entries = store.audit_entries();
    return entries.empty() ? 1 : entries.back().seq + 1;
}

}  // namespace

std::string ServerKeys::fingerprint() const {
    return crypto::key_fingerprint(public_pem);
}

std::string key_file_path(const std::string& configured, const std::string& db_url) {
    if (!configured.empty()) return configured;
    if (db_url.rfind("sqlite:", 0) == 0) return db_url.substr(7) + ".key";
    throw Error("key.no_path",
                "使用 PostgreSQL 时须在配置中设置 signing.key_file（各实例使用同一个密钥文件）");
}

ServerKeys open_server_keys(Store& store, const std::string& path, bool create) {
    const auto legacy = store.meta("signing_key");
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (st.st_mode & 077)
            throw Error("key.bad_mode", "密钥文件可被其他用户读取，请执行 chmod 600 " + path, path);
        ServerKeys k = parse(read_file(path, 1u << 16), path);
        if (legacy) {
            // A key left in the database by an older sanding is removed once the file holds it.
            if (crypto::key_fingerprint(*legacy) != k.fingerprint())
                throw Error("key.mismatch",
                            "数据库中的签名密钥与密钥文件中的不同：请确认密钥文件属于这个数据库",
                            path);
            store.db().transaction(
                [&](Poco::Data::Session& s) { store.delete_meta(s, "signing_key"); });
        }
        return k;
    }
    if (!create && !legacy)
        throw Error(
            "key.missing",
            "找不到服务器密钥文件：请用 sanding admin init 创建，或在配置中设置 signing.key_file",
            path);
    ServerKeys k;
    if (legacy) {
        k.private_pem = *legacy;  // migrated: keep the key sign-offs were made with
    } else {
        k.private_pem = crypto::generate_ed25519().private_pem;
    }
    k.public_pem = crypto::public_pem_of(k.private_pem);
    k.audit.secret = crypto::random_hex(32);
    k.audit.keyed_from = next_audit_seq(store);
    write_new(path, k);
    store.db().transaction([&](Poco::Data::Session& s) {
        store.put_meta(s, "public_key", k.public_pem);
        store.delete_meta(s, "signing_key");
    });
    if (legacy)
        std::fprintf(
            stderr,
            "sanding: 签名密钥已从数据库移到密钥文件 %s（权限 0600）；此后的审计记录以密钥保护\n",
            path.c_str());
    return k;
}

}  // namespace sanding::server
