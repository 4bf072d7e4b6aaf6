// sanding verify BUNDLE.zip: checks a collected bundle offline — every file's SHA-256 against the
// manifest and every sign-off's Ed25519 signature against the bundled public key.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdio>
#include <set>

#include "cli.hpp"
#include "commands.hpp"
#include "sanding/crypto.hpp"
#include "sanding/error.hpp"
#include "sanding/odf_reader.hpp"
#include "sanding/signoff.hpp"
#include "sanding/zip.hpp"

namespace sanding::cli {

int cmd_verify(const std::vector<std::string>& argv) {
    Args args = parse_args(argv, {}, {"help"});
    if (args.has("help") || args.positional.size() != 1) {
        std::puts("用法: sanding verify BUNDLE.zip   离线核验收集包中每份签发稿的哈希和签名");
        return args.has("help") ? 0 : 2;
    }
    const std::string path = args.positional[0];
    std::unique_ptr<ZipArchive> zip;
    Poco::JSON::Object::Ptr manifest;
    std::string public_key;
    try {
        zip = std::make_unique<ZipArchive>(read_file(path, 1u << 30), ZipLimits{1u << 30, 10000, 256u << 20, 2u << 30, 1000});
        manifest = Poco::JSON::Parser().parse(zip->read("manifest.json")).extract<Poco::JSON::Object::Ptr>();
        public_key = zip->read(manifest->getValue<std::string>("public_key"));
    } catch (const Error& e) {
        throw Error(e.code(), "收集包无法读取：" + e.message(), path);
    } catch (const std::exception& e) {
        throw Error("verify.bad_manifest", std::string("收集包的 manifest.json 无效：") + e.what(), path);
    }
    int bad = 0, good = 0;
    std::set<std::string> listed = {"manifest.json", manifest->getValue<std::string>("public_key")};
    auto items = manifest->getArray("items");
    for (std::size_t i = 0; items && i < items->size(); ++i) {
        auto it = items->getObject(static_cast<unsigned>(i));
        SignOff so{it->getValue<std::string>("body"), it->getValue<int>("revision"), it->getValue<std::string>("sha256"),
                   it->getValue<std::string>("signer"), it->getValue<std::string>("signed_at"), it->getValue<std::string>("signature")};
        const std::string file = it->getValue<std::string>("file");
        listed.insert(file);
        std::string problem;
        if (!zip->find(file)) {
            problem = "文件缺失";
        } else {
            std::string actual;
            try {
                actual = crypto::sha256_hex(zip->read(file));
            } catch (const Error& e) {
                problem = "文件损坏：" + e.message();
            }
            if (problem.empty() && actual != so.sha256) problem = "文件内容被改动（SHA-256 不符）";
            else if (problem.empty() && !crypto::verify_ed25519(public_key, signoff_message(so), so.signature))
                problem = "签发记录的签名无效（记录被改动或不是本服务器签发）";
        }
        if (problem.empty()) {
            ++good;
            std::printf("通过  %s  %s 修订%d  签发人 %s  %s\n", file.c_str(), so.body.c_str(), so.revision, so.signer.c_str(), so.signed_at.c_str());
        } else {
            ++bad;
            std::printf("失败  %s  %s\n", file.c_str(), problem.c_str());
        }
    }
    for (const auto& e : zip->entries())
        if (!listed.count(e.name)) {
            ++bad;
            std::printf("失败  %s  清单中没有这个文件\n", e.name.c_str());
        }
    std::printf("%s: %d 份通过，%d 处失败\n", path.c_str(), good, bad);
    return bad ? 1 : 0;
}

}  // namespace sanding::cli
