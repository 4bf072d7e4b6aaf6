#include "sanding/crypto.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "sanding/error.hpp"

namespace sanding::crypto {
namespace {

std::string hex(const unsigned char* p, std::size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string out(n * 2, '0');
    for (std::size_t i = 0; i < n; ++i)
        out[2 * i] = digits[p[i] >> 4], out[2 * i + 1] = digits[p[i] & 15];
    return out;
}

std::optional<std::string> unhex(std::string_view s) {
    if (s.size() % 2) return std::nullopt;
    std::string out(s.size() / 2, '\0');
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto v = [](char c) {
            return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        };
        int hi = v(s[2 * i]), lo = v(s[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = static_cast<char>(hi * 16 + lo);
    }
    return out;
}

struct PkeyDeleter {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct BioDeleter {
    void operator()(BIO* b) const { BIO_free(b); }
};
struct MdCtxDeleter {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

std::string bio_string(BIO* bio) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(bytes.data(), bytes.size(), md, &n, EVP_sha256(), nullptr);
    return hex(md, n);
}

std::string random_hex(std::size_t n) {
    std::vector<unsigned char> buf(n);
    if (RAND_bytes(buf.data(), static_cast<int>(n)) != 1)
        throw Error("crypto.random", "无法生成随机数");
    return hex(buf.data(), n);
}

std::string hash_password(std::string_view password, int iterations) {
    const std::string salt_hex = random_hex(16);
    const std::string salt = *unhex(salt_hex);
    unsigned char out[32];
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                          reinterpret_cast<const unsigned char*>(salt.data()),
                          static_cast<int>(salt.size()), iterations, EVP_sha256(), sizeof out,
                          out) != 1)
        throw Error("crypto.pbkdf2", "口令散列失败");
    return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + salt_hex + "$" +
           hex(out, sizeof out);
}

bool verify_password(std::string_view password, std::string_view stored) {
    // pbkdf2-sha256$<iterations>$<salt>$<hash>
    auto part = [&](std::size_t& at) {
        auto end = stored.find('$', at);
        std::string_view p =
            stored.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
        at = end == std::string_view::npos ? stored.size() : end + 1;
        return p;
    };
    std::size_t at = 0;
    if (part(at) != "pbkdf2-sha256") return false;
    const std::string iter_text(part(at));
    const auto salt = unhex(part(at));
    const auto want = unhex(part(at));
    if (!salt || !want || want->size() != 32 || iter_text.empty() || iter_text.size() > 8 ||
        iter_text.find_first_not_of("0123456789") != std::string::npos)
        return false;
    unsigned char out[32];
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                          reinterpret_cast<const unsigned char*>(salt->data()),
                          static_cast<int>(salt->size()), std::stoi(iter_text), EVP_sha256(),
                          sizeof out, out) != 1)
        return false;
    return CRYPTO_memcmp(out, want->data(), 32) == 0;
}

KeyPair generate_ed25519() {
    EVP_PKEY* raw = nullptr;
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr), EVP_PKEY_CTX_free);
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1)
        throw Error("crypto.keygen", "无法生成 Ed25519 密钥");
    std::unique_ptr<EVP_PKEY, PkeyDeleter> key(raw);
    std::unique_ptr<BIO, BioDeleter> priv(BIO_new(BIO_s_mem())), pub(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    PEM_write_bio_PUBKEY(pub.get(), key.get());
    return {bio_string(priv.get()), bio_string(pub.get())};
}

std::string sign_ed25519(const std::string& private_pem, std::string_view message) {
    std::unique_ptr<BIO, BioDeleter> bio(
        BIO_new_mem_buf(private_pem.data(), static_cast<int>(private_pem.size())));
    std::unique_ptr<EVP_PKEY, PkeyDeleter> key(
        PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        throw Error("crypto.sign", "无法读取服务器签名私钥");
    std::size_t len = 0;
    const auto* msg = reinterpret_cast<const unsigned char*>(message.data());
    EVP_DigestSign(ctx.get(), nullptr, &len, msg, message.size());
    std::string sig(len, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, msg,
                       message.size()) != 1)
        throw Error("crypto.sign", "签名失败");
    sig.resize(len);
    return base64_encode(sig);
}

bool verify_ed25519(const std::string& public_pem, std::string_view message,
                    std::string_view signature_b64) {
    auto sig = base64_decode(signature_b64);
    if (!sig) return false;
    std::unique_ptr<BIO, BioDeleter> bio(
        BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size())));
    std::unique_ptr<EVP_PKEY, PkeyDeleter> key(
        PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()),
                            sig->size(), reinterpret_cast<const unsigned char*>(message.data()),
                            message.size()) == 1;
}

std::string key_fingerprint(const std::string& pem) {
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    std::unique_ptr<EVP_PKEY, PkeyDeleter> key(
        pem.find("PRIVATE KEY") != std::string::npos
            ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
            : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) return {};
    unsigned char raw[32];
    std::size_t n = sizeof raw;
    if (EVP_PKEY_get_raw_public_key(key.get(), raw, &n) != 1 || n != sizeof raw) return {};
    return sha256_hex(std::string_view(reinterpret_cast<const char*>(raw), n));
}

std::string public_pem_of(const std::string& private_pem) {
    std::unique_ptr<BIO, BioDeleter> bio(
        BIO_new_mem_buf(private_pem.data(), static_cast<int>(private_pem.size())));
    std::unique_ptr<EVP_PKEY, PkeyDeleter> key(
        PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key) return {};
    std::unique_ptr<BIO, BioDeleter> pub(BIO_new(BIO_s_mem()));
    PEM_write_bio_PUBKEY(pub.get(), key.get());
    return bio_string(pub.get());
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), md, &n);
    return hex(md, n);
}

std::string base64_encode(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(bytes.data()),
                            static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out(3 * text.size() / 4 + 1, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(text.data()),
                            static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    std::size_t pad = 0;
    if (!text.empty() && text.back() == '=') ++pad;
    if (text.size() > 1 && text[text.size() - 2] == '=') ++pad;
    out.resize(static_cast<std::size_t>(n) - pad);
    return out;
}

}  // namespace sanding::crypto
