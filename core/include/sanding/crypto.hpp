// The few cryptographic operations sanding needs, through OpenSSL (never by hand): SHA-256 of a
// revision's exact bytes, password hashing, random tokens, and Ed25519 signatures on sign-offs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sanding::crypto {

// SHA-256 of bytes, 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

// n random bytes as lowercase hex (tokens, salts).
std::string random_hex(std::size_t n);

// PBKDF2-HMAC-SHA256, 600,000 iterations, 16-byte salt: "pbkdf2-sha256$600000$<salt hex>$<hash
// hex>".
inline constexpr int kPasswordIterations = 600000;
// Error crypto.pbkdf2 only when OpenSSL fails.
std::string hash_password(std::string_view password, int iterations = kPasswordIterations);
// Whether password is the one hashed in stored; false (never an error) for a malformed stored.
bool verify_password(std::string_view password, std::string_view stored);

struct KeyPair {
    std::string private_pem, public_pem;
};
KeyPair generate_ed25519();  // a new key pair as PEM; Error crypto.* only when OpenSSL fails

// Base64 signature of message with the private key (PEM).
std::string sign_ed25519(const std::string& private_pem, std::string_view message);
bool verify_ed25519(const std::string& public_pem, std::string_view message,
                    std::string_view signature_b64);

// The key's fingerprint users compare: SHA-256 of the raw 32-byte Ed25519 public key, 64 lowercase
// hex digits. Takes a public or a private PEM; empty when the text is not an Ed25519 key.
std::string key_fingerprint(const std::string& pem);

// The public key (PEM) of a private key (PEM); empty when it is not one.
std::string public_pem_of(const std::string& private_pem);

// HMAC-SHA256 of message under key, lowercase hex (the keyed audit chain).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// Standard Base64 with padding; decoding gives nothing for text that is not Base64.
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace sanding::crypto
