// cosign's scrypt + NaCl secretbox key envelope.
#include "sign/key_envelope.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sodium.h>

#include <vector>

#include "core/json.h"
#include "sign/base64.h"
#include "sign/pem.h"

namespace portcullis::sign {
namespace {

constexpr size_t kKeyBytes = crypto_secretbox_KEYBYTES;      // 32
constexpr size_t kNonceBytes = crypto_secretbox_NONCEBYTES;  // 24
constexpr size_t kTagBytes = crypto_secretbox_MACBYTES;      // 16
constexpr size_t kSaltBytes = 32;                            // what go-securesystemslib makes
constexpr size_t kMaxSaltBytes = 1024;
// scrypt needs 128 * r * N bytes (128 MiB for the OWASP set) plus a little.
constexpr uint64_t kScryptMaxMemory = 256ull << 20;

bool SameParams(const ScryptParams& a, const ScryptParams& b) {
  return a.n == b.n && a.r == b.r && a.p == b.p;
}

bool KnownParams(const ScryptParams& p) {
  return SameParams(p, kScryptLegacy) || SameParams(p, kScryptStandard) ||
         SameParams(p, kScryptOwasp);
}

Result<void> InitSodium() {
  static const int status = sodium_init();
  if (status < 0) return Fail(ErrorCode::kInternal, "libsodium could not be initialised");
  return {};
}

// The base64 string member `key` of `obj`, decoded.
Result<std::string> Base64Member(const nlohmann::json& obj, std::string_view key,
                                 std::string_view where) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) {
    return Fail(ErrorCode::kCorrupt, "encrypted key: {} has no \"{}\" string", where, key);
  }
  auto decoded = Base64Decode(it->get_ref<const std::string&>());
  if (!decoded) {
    return Fail(ErrorCode::kCorrupt, "encrypted key: {}.{}: {}", where, key,
                decoded.error().message);
  }
  return decoded;
}

Result<uint64_t> UnsignedMember(const nlohmann::json& obj, std::string_view key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_unsigned()) {
    return Fail(ErrorCode::kCorrupt, "encrypted key: kdf.params has no unsigned integer \"{}\"",
                key);
  }
  return it->get<uint64_t>();
}

Result<std::string> DeriveKey(std::string_view password, const std::string& salt,
                              const ScryptParams& params) {
  std::string key(kKeyBytes, '\0');
  if (EVP_PBE_scrypt(password.data(), password.size(),
                     reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), params.n,
                     params.r, params.p, kScryptMaxMemory,
                     reinterpret_cast<unsigned char*>(key.data()), key.size()) != 1) {
    return Fail(ErrorCode::kInternal, "scrypt(N={}, r={}, p={}) failed", params.n, params.r,
                params.p);
  }
  return key;
}

}  // namespace

Result<KeyEnvelope> ParseKeyEnvelope(std::string_view json) {
  auto doc = ParseJson(json, "encrypted key", kMaxKeyFileBytes);
  if (!doc) return std::unexpected(doc.error());
  if (!doc->is_object()) return Fail(ErrorCode::kCorrupt, "encrypted key: not a JSON object");
  const nlohmann::json& kdf = JsonObject(*doc, "kdf");
  const nlohmann::json& cipher = JsonObject(*doc, "cipher");
  if (JsonString(kdf, "name") != "scrypt") {
    return Fail(ErrorCode::kUnsupported, "encrypted key: kdf \"{}\" is not scrypt",
                JsonString(kdf, "name"));
  }
  if (JsonString(cipher, "name") != "nacl/secretbox") {
    return Fail(ErrorCode::kUnsupported, "encrypted key: cipher \"{}\" is not nacl/secretbox",
                JsonString(cipher, "name"));
  }
  KeyEnvelope envelope;
  const nlohmann::json& params = JsonObject(kdf, "params");
  envelope.params.n = PC_TRY(UnsignedMember(params, "N"));
  envelope.params.r = PC_TRY(UnsignedMember(params, "r"));
  envelope.params.p = PC_TRY(UnsignedMember(params, "p"));
  if (!KnownParams(envelope.params)) {
    return Fail(ErrorCode::kUnsupported,
                "encrypted key: unsupported scrypt parameters N={} r={} p={} (cosign writes "
                "N=32768 or 65536, r=8, p=1)",
                envelope.params.n, envelope.params.r, envelope.params.p);
  }
  envelope.salt = PC_TRY(Base64Member(kdf, "salt", "kdf"));
  if (envelope.salt.empty() || envelope.salt.size() > kMaxSaltBytes) {
    return Fail(ErrorCode::kCorrupt, "encrypted key: salt of {} bytes", envelope.salt.size());
  }
  envelope.nonce = PC_TRY(Base64Member(cipher, "nonce", "cipher"));
  if (envelope.nonce.size() != kNonceBytes) {
    return Fail(ErrorCode::kCorrupt, "encrypted key: nonce of {} bytes, secretbox needs {}",
                envelope.nonce.size(), kNonceBytes);
  }
  envelope.ciphertext = PC_TRY(Base64Member(*doc, "ciphertext", "envelope"));
  if (envelope.ciphertext.size() < kTagBytes) {
    return Fail(ErrorCode::kCorrupt,
                "encrypted key: ciphertext of {} bytes is shorter than "
                "the {}-byte authenticator",
                envelope.ciphertext.size(), kTagBytes);
  }
  return envelope;
}

Result<std::string> OpenKeyEnvelope(const KeyEnvelope& envelope, std::string_view password) {
  PC_TRY_VOID(InitSodium());
  if (!KnownParams(envelope.params) || envelope.nonce.size() != kNonceBytes ||
      envelope.ciphertext.size() < kTagBytes || envelope.salt.empty()) {
    return Fail(ErrorCode::kCorrupt, "encrypted key: malformed envelope");
  }
  std::string key = PC_TRY(DeriveKey(password, envelope.salt, envelope.params));
  std::string plain(envelope.ciphertext.size() - kTagBytes, '\0');
  int rc = crypto_secretbox_open_easy(
      reinterpret_cast<unsigned char*>(plain.data()),
      reinterpret_cast<const unsigned char*>(envelope.ciphertext.data()),
      envelope.ciphertext.size(), reinterpret_cast<const unsigned char*>(envelope.nonce.data()),
      reinterpret_cast<const unsigned char*>(key.data()));
  OPENSSL_cleanse(key.data(), key.size());
  if (rc != 0) {
    OPENSSL_cleanse(plain.data(), plain.size());
    return Fail(ErrorCode::kInvalidArgument,
                "cannot decrypt the private key: wrong password, or the key file is corrupt");
  }
  return plain;
}

Result<std::string> SealKeyEnvelope(std::string_view plaintext, std::string_view password,
                                    ScryptParams params) {
  PC_TRY_VOID(InitSodium());
  if (!KnownParams(params)) return Fail(ErrorCode::kInvalidArgument, "unsupported scrypt cost");
  std::string salt(kSaltBytes, '\0');
  std::string nonce(kNonceBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) !=
          1 ||
      RAND_bytes(reinterpret_cast<unsigned char*>(nonce.data()), static_cast<int>(nonce.size())) !=
          1) {
    return Fail(ErrorCode::kInternal, "no random bytes for the key envelope");
  }
  std::string key = PC_TRY(DeriveKey(password, salt, params));
  std::string sealed(plaintext.size() + kTagBytes, '\0');
  int rc =
      crypto_secretbox_easy(reinterpret_cast<unsigned char*>(sealed.data()),
                            reinterpret_cast<const unsigned char*>(plaintext.data()),
                            plaintext.size(), reinterpret_cast<const unsigned char*>(nonce.data()),
                            reinterpret_cast<const unsigned char*>(key.data()));
  OPENSSL_cleanse(key.data(), key.size());
  if (rc != 0) return Fail(ErrorCode::kInternal, "secretbox encryption failed");
  // go-securesystemslib's json.Marshal of its structs: this field order, no spaces.
  return fmt::format(
      "{{\"kdf\":{{\"name\":\"scrypt\",\"params\":{{\"N\":{},\"r\":{},\"p\":{}}},\"salt\":\"{}\"}},"
      "\"cipher\":{{\"name\":\"nacl/secretbox\",\"nonce\":\"{}\"}},\"ciphertext\":\"{}\"}}",
      params.n, params.r, params.p, Base64Encode(salt), Base64Encode(nonce), Base64Encode(sealed));
}

}  // namespace portcullis::sign
