// The collected bundle: what build_bundle writes and every forgery verify_bundle must refuse
// (issue 15, items 1 and 2). Each forgery below passed the verifier before the manifest was signed.
#include <gtest/gtest.h>

#include <functional>

#include "sanding/bundle.hpp"
#include "sanding/crypto.hpp"
#include "sanding/error.hpp"
#include "sanding/zip.hpp"

namespace sanding {
namespace {

struct Server {
    crypto::KeyPair key = crypto::generate_ed25519();

    BundleItem item(int position, std::string body, std::string short_name,
                    std::string bytes) const {
        BundleItem it;
        it.position = position, it.short_name = std::move(short_name),
        it.name = it.short_name + "（全称）";
        it.bytes = std::move(bytes);
        it.signoff = {std::move(body),        3, crypto::sha256_hex(it.bytes), "head",
                      "2026-12-03T06:00:00Z", ""};
        it.signoff.signature = crypto::sign_ed25519(key.private_pem, signoff_message(it.signoff));
        return it;
    }
    std::vector<BundleItem> items() const {
        return {item(1, "natural-resources", "自然资源局", "odt bytes of natural resources"),
                item(2, "emergency", "应急管理局", "odt bytes of emergency management")};
    }
    std::string bundle() const {
        return build_bundle(
            {"示范市示范区", "2026年机构改革", "2026-12-03T06:05:09Z", "2026-12-03 14:05:09"},
            items(), key.private_pem, key.public_pem);
    }
    TrustedKey trusted() const { return {key.public_pem, ""}; }
};

// Rewrites a ZIP entry by entry: edit(name, bytes) may change the bytes or return false to drop it.
std::string repack(const std::string& zip_bytes,
                   const std::function<bool(const std::string&, std::string&)>& edit,
                   const std::vector<std::pair<std::string, std::string>>& extra = {}) {
    ZipArchive in(zip_bytes);
    ZipWriter out;
    for (const auto& e : in.entries()) {
        std::string data = in.read(e.name);
        if (edit(e.name, data)) out.add(e.name, data);
    }
    for (const auto& [n, d] : extra) out.add(n, d);
    return out.finish();
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return s;
}

std::string all_problems(const BundleReport& r) {
    std::string s;
    for (const auto& p : r.problems) s += p + "\n";
    for (const auto& i : r.items)
        if (!i.problem.empty()) s += i.path + ": " + i.problem + "\n";
    return s;
}

TEST(Bundle, NamesEachDraftBySequenceShortNameAndRevision) {
    EXPECT_EQ(bundle_path(1, "自然资源局", 3), "drafts/01-自然资源局-修订3.odt");
    EXPECT_EQ(bundle_path(12, "应急管理局", 10), "drafts/12-应急管理局-修订10.odt");
}

TEST(Bundle, BuiltBundleVerifiesAgainstTheTrustedKeyOrItsFingerprint) {
    Server s;
    const std::string zip = s.bundle();
    ZipArchive z(zip);
    ASSERT_TRUE(z.find("drafts/01-自然资源局-修订3.odt"));
    ASSERT_TRUE(z.find("manifest.sig"));
    EXPECT_NE(z.entries()[0].crc32, 0u);

    BundleReport r = verify_bundle(zip, s.trusted());
    EXPECT_TRUE(r.ok()) << all_problems(r);
    EXPECT_EQ(r.trust, BundleTrust::Trusted);
    ASSERT_EQ(r.items.size(), 2u);
    EXPECT_EQ(r.items[0].path, "drafts/01-自然资源局-修订3.odt");
    EXPECT_EQ(r.district, "示范市示范区");

    const std::string fp = crypto::key_fingerprint(s.key.public_pem);
    ASSERT_EQ(fp.size(), 64u);
    EXPECT_EQ(fp, crypto::key_fingerprint(s.key.private_pem));
    std::string spaced;  // as a person copies it: upper case, in groups
    for (std::size_t i = 0; i < fp.size(); ++i)
        spaced +=
            (i && i % 4 == 0 ? ":" : "") + std::string(1, static_cast<char>(std::toupper(fp[i])));
    r = verify_bundle(zip, {"", spaced});
    EXPECT_TRUE(r.ok()) << all_problems(r);
    EXPECT_EQ(r.trust, BundleTrust::Trusted);

    r = verify_bundle(zip);
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.trust, BundleTrust::SelfConsistent);
    EXPECT_EQ(r.fingerprint, fp);
}

TEST(Bundle, ABundleReSignedWithAnotherKeyIsRefusedByTheTrustedKey) {
    Server real, forger;
    auto items = real.items();
    items[1].bytes = "forged bytes";
    items[1].signoff.sha256 = crypto::sha256_hex(items[1].bytes);
    for (auto& it : items)
        it.signoff.signature =
            crypto::sign_ed25519(forger.key.private_pem, signoff_message(it.signoff));
    const std::string forged =
        build_bundle({"示范市示范区", "2026年机构改革", "2026-12-03T06:05:09Z", ""}, items,
                     forger.key.private_pem, forger.key.public_pem);
    EXPECT_EQ(verify_bundle(forged).trust, BundleTrust::SelfConsistent);  // consistent in itself …
    for (const TrustedKey& t :
         {real.trusted(), TrustedKey{"", crypto::key_fingerprint(real.key.public_pem)}}) {
        BundleReport r = verify_bundle(forged, t);  // … but not the server's
        EXPECT_FALSE(r.ok());
        EXPECT_EQ(r.trust, BundleTrust::Untrusted);
        EXPECT_NE(all_problems(r).find("不是可信的服务器公钥"), std::string::npos)
            << all_problems(r);
    }
}

TEST(Bundle, DroppingAnItemBreaksTheManifestSignature) {
    Server s;
    const std::string dropped = repack(s.bundle(), [](const std::string& name, std::string& data) {
        if (name == "manifest.json") {
            const auto a = data.find(",\n    {\"body\": \"emergency\"");
            const auto b = data.find("}", a + 3);
            data.erase(a, b + 1 - a);
            data = replace(data, "\"count\": 2", "\"count\": 1");
        }
        return name != "drafts/02-应急管理局-修订3.odt";
    });
    BundleReport r = verify_bundle(dropped, s.trusted());
    EXPECT_FALSE(r.ok());
    EXPECT_NE(all_problems(r).find("签名无效"), std::string::npos) << all_problems(r);
}

TEST(Bundle, EditedDisplayFieldsBreakTheManifestSignature) {
    Server s;
    for (const auto& edit :
         std::vector<std::pair<std::string, std::string>>{{"自然资源局（全称）", "财政局（全称）"},
                                                          {"示范市示范区", "另一个区"},
                                                          {"2026年机构改革", "2027年机构改革"}}) {
        const std::string &from = edit.first,
                          &to = edit.second;  // named, not bound: lambdas capture them
        const std::string edited =
            repack(s.bundle(), [&](const std::string& name, std::string& data) {
                if (name == "manifest.json") data = replace(data, from, to);
                return true;
            });
        BundleReport r = verify_bundle(edited, s.trusted());
        EXPECT_FALSE(r.ok()) << from;
        EXPECT_NE(all_problems(r).find("签名无效"), std::string::npos) << all_problems(r);
    }
}

TEST(Bundle, APathPointedAtAnotherBodysDraftIsRefused) {
    Server s;
    // Swapped in the manifest: the signature no longer holds.
    const std::string swapped = repack(s.bundle(), [](const std::string& name, std::string& data) {
        if (name == "manifest.json")
            data = replace(data, "\"drafts/01-自然资源局-修订3.odt\"",
                           "\"drafts/02-应急管理局-修订3.odt\"");
        return true;
    });
    EXPECT_FALSE(verify_bundle(swapped, s.trusted()).ok());
    // Even a manifest signed by the server key may not name a path other than its body's own.
    std::string manifest;
    const std::string resigned =
        repack(s.bundle(), [&](const std::string& name, std::string& data) {
            if (name == "manifest.json")
                manifest = data = replace(data, "\"drafts/01-自然资源局-修订3.odt\"",
                                          "\"drafts/02-应急管理局-修订3.odt\"");
            if (name == "manifest.sig")
                data = crypto::sign_ed25519(s.key.private_pem, bundle_signed_message(manifest));
            return true;
        });
    BundleReport r = verify_bundle(resigned, s.trusted());
    EXPECT_FALSE(r.ok());
    EXPECT_NE(all_problems(r).find("文件名与机构序号、简称和修订号不符"), std::string::npos)
        << all_problems(r);
}

TEST(Bundle, ADuplicateEntryNameIsRefused) {
    Server s;
    const std::string dup =
        repack(s.bundle(), [](const std::string&, std::string&) { return true; },
               {{"drafts/01-自然资源局-修订3.odt", "forged second copy"}});
    BundleReport r = verify_bundle(dup, s.trusted());
    EXPECT_FALSE(r.ok());
    EXPECT_NE(all_problems(r).find("重复的条目"), std::string::npos) << all_problems(r);
}

TEST(Bundle, AnUnexpectedEntryIsRefusedButDirectoryEntriesAreNot) {
    Server s;
    const std::string extra =
        repack(s.bundle(), [](const std::string&, std::string&) { return true; },
               {{"drafts/readme.txt", "x"}});
    BundleReport r = verify_bundle(extra, s.trusted());
    EXPECT_FALSE(r.ok());
    EXPECT_NE(all_problems(r).find("清单中没有这个文件：drafts/readme.txt"), std::string::npos)
        << all_problems(r);

    // As `zip -r` re-packs a folder: a directory entry first.
    ZipArchive in(s.bundle());
    ZipWriter out;
    out.add("drafts/", "", false);
    for (const auto& e : in.entries()) out.add(e.name, in.read(e.name));
    r = verify_bundle(out.finish(), s.trusted());
    EXPECT_TRUE(r.ok()) << all_problems(r);
}

TEST(Bundle, AChangedFileFailsOnlyThatItem) {
    Server s;
    const std::string changed = repack(s.bundle(), [](const std::string& name, std::string& data) {
        if (name == "drafts/02-应急管理局-修订3.odt") data[0] ^= 1;
        return true;
    });
    BundleReport r = verify_bundle(changed, s.trusted());
    EXPECT_FALSE(r.ok());
    ASSERT_EQ(r.items.size(), 2u);
    EXPECT_EQ(r.items[0].problem, "");
    EXPECT_NE(r.items[1].problem.find("SHA-256 不符"), std::string::npos);
}

TEST(Bundle, BytesThatAreNotTheSignedOnesAreNeverBundled) {
    Server s;
    auto items = s.items();
    items[0].bytes += "tampered in the database";
    try {
        build_bundle({}, items, s.key.private_pem, s.key.public_pem);
        FAIL() << "bundled bytes that were not signed";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "bundle.hash_mismatch");
    }
}

TEST(Bundle, GarbageIsReportedNotThrown) {
    for (std::string junk : {std::string(), std::string("PK\x05\x06"), std::string(100, 'x')}) {
        BundleReport r = verify_bundle(junk);
        EXPECT_FALSE(r.ok());
        EXPECT_FALSE(r.problems.empty());
    }
}

}  // namespace
}  // namespace sanding
