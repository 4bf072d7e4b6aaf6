// The cryptography a sign-off rests on, against published vectors and against tampering.
#include <gtest/gtest.h>

#include <string>

#include "sanding/crypto.hpp"
#include "sanding/signoff.hpp"

namespace sanding {
namespace {
using namespace crypto;

TEST(Crypto, Sha256MatchesThePublishedVectors) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, HmacSha256MatchesRfc4231) {
    EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Crypto, PasswordHashesVerifyOnlyTheirPasswordAndAreSalted) {
    const std::string a = hash_password("正确的密码", 1000), b = hash_password("正确的密码", 1000);
    EXPECT_NE(a, b);  // a fresh salt each time
    EXPECT_EQ(a.rfind("pbkdf2-sha256$1000$", 0), 0u) << a;
    EXPECT_TRUE(verify_password("正确的密码", a));
    EXPECT_FALSE(verify_password("错误的密码", a));
    EXPECT_FALSE(verify_password("正确的密码", "pbkdf2-sha256$1000$zz$zz"));
    EXPECT_FALSE(verify_password("正确的密码", "not a hash"));
}

TEST(Crypto, Base64RoundTripsAndRefusesGarbage) {
    const std::string bytes("\0\x01\xff签发", 8);
    EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes);
    EXPECT_EQ(base64_encode("abc"), "YWJj");
    EXPECT_EQ(base64_decode("not*base64"), std::nullopt);
}

TEST(SignOff, ASignatureVerifiesOnlyTheExactRecordAndKey) {
    const KeyPair k = generate_ed25519(), other = generate_ed25519();
    SignOff so{"emergency", 3, sha256_hex("odt bytes"), "head-emergency", "2026-12-03T08:00:00Z",
               {}};
    const std::string message = signoff_message(so);
    EXPECT_NE(message.find("revision=3\n"), std::string::npos);
    so.signature = sign_ed25519(k.private_pem, message);
    EXPECT_TRUE(verify_ed25519(k.public_pem, message, so.signature));
    EXPECT_FALSE(verify_ed25519(other.public_pem, message, so.signature));
    for (auto edit : {&SignOff::body, &SignOff::sha256, &SignOff::signer, &SignOff::signed_at}) {
        SignOff changed = so;
        changed.*edit += "x";
        EXPECT_FALSE(verify_ed25519(k.public_pem, signoff_message(changed), so.signature));
    }
    SignOff other_revision = so;
    other_revision.revision = 4;
    EXPECT_FALSE(verify_ed25519(k.public_pem, signoff_message(other_revision), so.signature));
    EXPECT_FALSE(verify_ed25519(k.public_pem, message, "AAAA"));
}

TEST(SignOff, FingerprintsNameTheKeyWhicheverHalfIsGiven) {
    const KeyPair k = generate_ed25519();
    const std::string fp = key_fingerprint(k.public_pem);
    EXPECT_EQ(fp.size(), 64u);
    EXPECT_EQ(key_fingerprint(k.private_pem), fp);
    EXPECT_EQ(public_pem_of(k.private_pem), k.public_pem);
    EXPECT_NE(key_fingerprint(generate_ed25519().public_pem), fp);
    EXPECT_EQ(key_fingerprint("-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n"),
              "");
}

}  // namespace
}  // namespace sanding
