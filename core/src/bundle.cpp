#include "sanding/bundle.hpp"

#include <cstdio>
#include <memory>
#include <set>

#include "sanding/check/report.hpp"
#include "sanding/crypto.hpp"
#include "sanding/error.hpp"
#include "sanding/json_value.hpp"
#include "sanding/zip.hpp"

namespace sanding {
namespace {

constexpr const char* kManifest = "manifest.json";
constexpr const char* kSignature = "manifest.sig";
constexpr const char* kPublicKey = "public-key.pem";

// A bundle of a large district: 1,000 drafts of up to 64 MB each would be absurd; these bound what
// a hostile file may make the verifier inflate.
const ZipLimits kBundleLimits{1u << 30, 20000, 256u << 20, 2u << 30, 1000};

void field(std::string& out, const char* key, std::string_view value, bool last = false) {
    out += '"';
    out += key;
    out += "\": ";
    json_string(out, value);
    out += last ? "" : ", ";
}

std::string normal_fingerprint(std::string_view f) {
    std::string out;
    for (char c : f) {
        if (c == ':' || c == ' ' || c == '-') continue;
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;
}

std::string manifest_json(const BundleInfo& info, const std::vector<BundleItem>& items,
                          const std::string& fingerprint) {
    std::string m = "{\n  ";
    field(m, "format", kBundleFormat);
    field(m, "district", info.district);
    field(m, "round", info.round);
    m += "\n  ";
    field(m, "generated_at", info.generated_at);
    field(m, "public_key", kPublicKey);
    field(m, "fingerprint", fingerprint);
    m += "\n  \"count\": " + std::to_string(items.size()) + ",\n  \"items\": [";
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& it = items[i];
        const auto& so = it.signoff;
        m += i ? ",\n    {" : "\n    {";
        field(m, "body", so.body);
        field(m, "name", it.name);
        field(m, "short_name", it.short_name);
        m += "\"position\": " + std::to_string(it.position) +
             ", \"revision\": " + std::to_string(so.revision) + ",\n     ";
        field(m, "path", bundle_path(it.position, it.short_name, so.revision));
        field(m, "sha256", so.sha256);
        m += "\n     ";
        field(m, "signer", so.signer);
        field(m, "signed_at", so.signed_at);
        field(m, "signature", so.signature, true);
        m += "}";
    }
    m += items.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return m;
}

// Checks one manifest item against the ZIP; the problem in Chinese, empty when it holds.
std::string check_item(const JsonValue& x, const ZipArchive& zip, const std::string& key,
                       BundleItemCheck& c, std::set<std::string>& bodies) {
    using K = JsonValue::Kind;
    for (const char* k :
         {"body", "name", "short_name", "path", "sha256", "signer", "signed_at", "signature"})
        if (!x[k].is(K::String)) return std::string("清单条目缺少字段 ") + k;
    if (!x["position"].is(K::Integer) || !x["revision"].is(K::Integer))
        return "清单条目缺少序号或修订号";
    c.body = x["body"].text, c.name = x["name"].text, c.path = x["path"].text;
    c.signer = x["signer"].text, c.signed_at = x["signed_at"].text;
    const long long position = x["position"].integer, revision = x["revision"].integer;
    if (position < 1 || position > 100000 || revision < 1 || revision > 1000000000)
        return "清单条目的序号或修订号无效";
    c.revision = static_cast<int>(revision);
    if (c.path != bundle_path(static_cast<int>(position), x["short_name"].text, c.revision))
        return "文件名与机构序号、简称和修订号不符（应为 " +
               bundle_path(static_cast<int>(position), x["short_name"].text, c.revision) + "）";
    if (!bodies.insert(c.body).second) return "同一机构在清单中出现了不止一次";
    if (!zip.find(c.path)) return "文件缺失";
    std::string bytes;
    try {
        bytes = zip.read(c.path);
    } catch (const Error& e) {
        return "文件损坏：" + e.message();
    }
    const SignOff so{c.body,   c.revision,  x["sha256"].text,
                     c.signer, c.signed_at, x["signature"].text};
    if (crypto::sha256_hex(bytes) != so.sha256) return "文件内容被改动（SHA-256 不符）";
    if (!crypto::verify_ed25519(key, signoff_message(so), so.signature))
        return "签发记录的签名无效（记录被改动或不是本服务器签发）";
    return {};
}

}  // namespace

std::string bundle_path(int position, std::string_view short_name, int revision) {
    char n[16];
    std::snprintf(n, sizeof n, "%02d", position);
    return "drafts/" + std::string(n) + "-" + std::string(short_name) + "-修订" +
           std::to_string(revision) + ".odt";
}

std::string bundle_signed_message(std::string_view manifest_json) {
    return std::string(kBundleFormat) + "\n" + std::string(manifest_json);
}

std::string build_bundle(const BundleInfo& info, const std::vector<BundleItem>& items,
                         const std::string& private_pem, const std::string& public_pem) {
    std::set<std::string> bodies, paths;
    for (const auto& it : items) {
        // Never bundle bytes that are not what the head signed (a changed row in the database).
        if (crypto::sha256_hex(it.bytes) != it.signoff.sha256)
            throw Error("bundle.hash_mismatch",
                        "存储的修订内容与签发时的 SHA-256 不符，拒绝导出：" + it.name + " 修订" +
                            std::to_string(it.signoff.revision));
        if (!bodies.insert(it.signoff.body).second ||
            !paths.insert(bundle_path(it.position, it.short_name, it.signoff.revision)).second)
            throw Error("bundle.duplicate", "收集包中同一机构或文件名出现了两次：" + it.name);
    }
    const std::string manifest = manifest_json(info, items, crypto::key_fingerprint(public_pem));
    ZipWriter zip;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (std::sscanf(info.local_time.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) >= 5)
        zip.set_time(y, mo, d, h, mi, s);
    zip.add(kManifest, manifest);
    zip.add(kSignature, crypto::sign_ed25519(private_pem, bundle_signed_message(manifest)) + "\n");
    zip.add(kPublicKey, public_pem);
    for (const auto& it : items)
        zip.add(bundle_path(it.position, it.short_name, it.signoff.revision), it.bytes, false);
    return zip.finish();
}

bool BundleReport::ok() const {
    if (trust == BundleTrust::Untrusted || !problems.empty()) return false;
    for (const auto& i : items)
        if (!i.problem.empty()) return false;
    return true;
}

BundleReport verify_bundle(std::string bytes, const TrustedKey& trusted) {
    BundleReport r;
    std::unique_ptr<ZipArchive> zip;
    try {
        zip = std::make_unique<ZipArchive>(std::move(bytes), kBundleLimits);
    } catch (const Error& e) {
        r.problems.push_back("收集包无法读取：" + e.message());
        return r;
    }
    // A duplicate name makes "the entry called X" ambiguous: one reader sees the signed copy,
    // another the forged one. Refuse the bundle outright.
    std::set<std::string> names;
    for (const auto& e : zip->entries()) {
        if (!names.insert(e.name).second) {
            r.problems.push_back("收集包中有重复的条目：" + e.name);
            return r;
        }
    }
    std::string manifest, signature, bundled_key;
    try {
        manifest = zip->read(kManifest);
        signature = zip->read(kSignature);
        bundled_key = zip->read(kPublicKey);
    } catch (const Error& e) {
        r.problems.push_back("收集包不完整：" + e.message() +
                             "（需要 manifest.json、manifest.sig 和 public-key.pem）");
        return r;
    }
    r.fingerprint = crypto::key_fingerprint(bundled_key);
    if (r.fingerprint.empty()) {
        r.problems.push_back("收集包中的 public-key.pem 不是有效的 Ed25519 公钥");
        return r;
    }
    std::string key = bundled_key;
    if (!trusted.public_pem.empty() || !trusted.fingerprint.empty()) {
        const std::string want = trusted.public_pem.empty()
                                     ? normal_fingerprint(trusted.fingerprint)
                                     : crypto::key_fingerprint(trusted.public_pem);
        if (want.empty()) {
            r.trust = BundleTrust::Untrusted;
            r.problems.push_back("给出的可信公钥不是有效的 Ed25519 公钥");
            return r;
        }
        if (want != r.fingerprint) {
            r.trust = BundleTrust::Untrusted;
            r.problems.push_back("收集包中的公钥不是可信的服务器公钥：包内指纹 " + r.fingerprint +
                                 "，可信指纹 " + want);
            return r;
        }
        r.trust = BundleTrust::Trusted;
        if (!trusted.public_pem.empty()) key = trusted.public_pem;
    }
    while (!signature.empty() && (signature.back() == '\n' || signature.back() == '\r'))
        signature.pop_back();
    if (!crypto::verify_ed25519(key, bundle_signed_message(manifest), signature)) {
        r.problems.push_back("清单 manifest.json 的签名无效：清单被改动过，或不是这把密钥签的");
        return r;
    }
    JsonValue m;
    try {
        m = parse_json(manifest);
    } catch (const Error& e) {
        r.problems.push_back("清单 manifest.json 无效：" + e.message());
        return r;
    }
    if (!m["format"].is(JsonValue::Kind::String) || m["format"].text != kBundleFormat) {
        r.problems.push_back("清单格式不是 " + std::string(kBundleFormat));
        return r;
    }
    r.district = m["district"].text, r.round = m["round"].text;
    if (m["fingerprint"].text != r.fingerprint)
        r.problems.push_back("清单中记录的公钥指纹与包内公钥不符");
    const JsonValue& items = m["items"];
    if (!items.is(JsonValue::Kind::Array) || !m["count"].is(JsonValue::Kind::Integer) ||
        m["count"].integer != static_cast<long long>(items.items.size()))
        r.problems.push_back("清单中的份数与条目数不符");
    std::set<std::string> listed = {kManifest, kSignature, kPublicKey}, bodies;
    for (const auto& x : items.items) {
        BundleItemCheck c;
        c.problem = check_item(x, *zip, key, c, bodies);
        if (!listed.insert(c.path).second && c.problem.empty())
            c.problem = "同一文件在清单中出现了不止一次";
        r.items.push_back(std::move(c));
    }
    for (const auto& e : zip->entries()) {
        const bool directory = !e.name.empty() && e.name.back() == '/' && e.uncompressed_size == 0;
        if (!directory && !listed.count(e.name))
            r.problems.push_back("清单中没有这个文件：" + e.name);
    }
    return r;
}

}  // namespace sanding
