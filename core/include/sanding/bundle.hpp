// The bundle the coordination office collects (收集包): every signed revision, a manifest naming
// each item (body, revision, path, SHA-256, signer, time), the server's signature over the whole
// manifest, and the server's public key. Built by the server, verified offline by `sanding verify`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sanding/signoff.hpp"

namespace sanding {

// One signed revision to bundle.
struct BundleItem {
    int position = 0;        // 序号: the body's 1-based position in the framework
    std::string short_name;  // 机构简称 from the framework
    std::string name;        // the body's full name, for people reading the manifest
    SignOff signoff;
    std::string bytes;  // the revision's exact .odt bytes
};

struct BundleInfo {
    std::string district, round;
    std::string generated_at;  // ISO 8601 UTC
    std::string
        local_time;  // "2026-12-03 14:05:09" in the server's zone: the ZIP entries' timestamps
};

inline constexpr std::string_view kBundleFormat = "sanding-bundle-v2";

// "drafts/<序号 two digits>-<机构简称>-修订<N>.odt": the one path an item may have.
std::string bundle_path(int position, std::string_view short_name, int revision);

// The exact bytes signed by manifest.sig: "sanding-bundle-v2\n" followed by manifest.json.
std::string bundle_signed_message(std::string_view manifest_json);

// The ZIP: manifest.json, manifest.sig (base64 Ed25519 over bundle_signed_message), public-key.pem,
// drafts/…. Throws Error bundle.hash_mismatch when an item's bytes are not the signed SHA-256
// (nothing is bundled that was not signed), bundle.duplicate when a body or path repeats.
std::string build_bundle(const BundleInfo& info, const std::vector<BundleItem>& items,
                         const std::string& private_pem, const std::string& public_pem);

// What the verifier trusts: a public key (PEM) or a fingerprint (hex, ':' and spaces ignored), or
// neither — then only the bundle's self-consistency is checked.
struct TrustedKey {
    std::string public_pem;
    std::string fingerprint;
};

enum class BundleTrust {
    SelfConsistent,  // no trusted key given: checked against the key inside the bundle only
    Trusted,         // the bundle's key is the trusted one
    Untrusted,       // the bundle's key is not the trusted one
};

// One manifest item as verified; problem is empty when it passed (in Chinese otherwise).
struct BundleItemCheck {
    std::string path, body, name, signer, signed_at;
    int revision = 0;
    std::string problem;
};

struct BundleReport {
    BundleTrust trust = BundleTrust::SelfConsistent;
    std::string fingerprint;            // of the public key inside the bundle (empty if none)
    std::string district, round;        // from the manifest, once its signature holds
    std::vector<std::string> problems;  // whole-bundle problems in Chinese (signature, entries…)
    std::vector<BundleItemCheck> items;
    bool ok() const;  // no problem anywhere and the key not untrusted
};

// Verifies a bundle's bytes; never throws on bad input (every problem lands in the report).
// Refuses: a key other than the trusted one, a manifest whose signature fails, duplicate entry
// names, entries the manifest does not name, an item whose path is not bundle_path(its position,
// short name, revision), a repeated body, a missing or changed file, a sign-off signature that
// fails, an item count that differs. Directory entries (as `zip -r` adds) are ignored.
BundleReport verify_bundle(std::string bytes, const TrustedKey& trusted = {});

}  // namespace sanding
