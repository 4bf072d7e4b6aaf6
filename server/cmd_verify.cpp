// sanding verify BUNDLE.zip [--key FILE | --fingerprint HEX]: checks a collected bundle offline
// through core's verify_bundle — the manifest's signature, every file's SHA-256 and sign-off —
// against a trusted server key; without one it says that only self-consistency was checked.
#include <cstdio>

#include "cli.hpp"
#include "commands.hpp"
#include "sanding/bundle.hpp"
#include "sanding/error.hpp"
#include "sanding/file.hpp"

namespace sanding::cli {

int cmd_verify(const std::vector<std::string>& argv) {
    Args args = parse_args(argv, {"key", "fingerprint"}, {"help"});
    if (args.has("help") || args.positional.size() != 1 ||
        (args.has("key") && args.has("fingerprint"))) {
        std::puts(
            "用法: sanding verify BUNDLE.zip [--key 公钥.pem | --fingerprint 指纹]\n"
            "      离线核验收集包：清单签名、每份签发稿的哈希和签名。\n"
            "      --key / --fingerprint 给出可信的服务器公钥（sanding admin key show 或 "
            "/api/v1/public-key 公布的指纹）");
        return args.has("help") ? 0 : 2;
    }
    const std::string path = args.positional[0];
    TrustedKey trusted;
    if (args.has("key")) trusted.public_pem = read_file(args.get("key"), 1u << 16);
    if (args.has("fingerprint")) trusted.fingerprint = args.get("fingerprint");
    const BundleReport r = verify_bundle(read_file(path, 1u << 30), trusted);

    int good = 0, bad = 0;
    for (const auto& i : r.items) {
        if (i.problem.empty()) {
            ++good;
            std::printf("通过  %s  %s 修订%d  签发人 %s  %s\n", i.path.c_str(), i.name.c_str(),
                        i.revision, i.signer.c_str(), i.signed_at.c_str());
        } else {
            ++bad;
            std::printf("失败  %s  %s\n", i.path.c_str(), i.problem.c_str());
        }
    }
    for (const auto& p : r.problems) {
        ++bad;
        std::printf("失败  %s\n", p.c_str());
    }
    std::printf("%s: %d 份通过，%d 处失败\n", path.c_str(), good, bad);
    switch (r.trust) {
        case BundleTrust::Trusted:
            std::printf("公钥指纹 %s 与可信公钥一致\n", r.fingerprint.c_str());
            break;
        case BundleTrust::Untrusted:
            std::printf("公钥不可信：收集包不是由可信的服务器签发\n");
            break;
        case BundleTrust::SelfConsistent:
            std::printf(
                "注意：未指定可信公钥，只核验了收集包自身的一致性（任何人都能用自己的密钥做出自洽的"
                "包）。\n"
                "请将包内公钥指纹 %s 与服务器公布的指纹核对，或用 --key / --fingerprint 核验。\n",
                r.fingerprint.empty() ? "（无）" : r.fingerprint.c_str());
    }
    return r.ok() ? 0 : 1;
}

}  // namespace sanding::cli
