// cosign's password-protected key envelope (go-securesystemslib "encrypted", as cosign uses it
// for cosign.key): JSON
//   {"kdf":{"name":"scrypt","params":{"N":32768,"r":8,"p":1},"salt":"<base64>"},
//    "cipher":{"name":"nacl/secretbox","nonce":"<base64, 24 bytes>"},
//    "ciphertext":"<base64>"}
// where ciphertext = NaCl secretbox (XSalsa20-Poly1305: 16-byte tag, then the encrypted bytes)
// of the plaintext under key = scrypt(password, salt, N, r, p, 32 bytes). Pure functions;
// thread-safe (libsodium is initialised once, thread-safely).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "portcullis/result.h"

namespace portcullis::sign {

// The scrypt cost sets go-securesystemslib reads (Legacy, Standard, OWASP); any other set is
// refused, which also bounds the memory a hostile key file can make scrypt take (<= 128 MiB).
struct ScryptParams {
  uint64_t n = 65536;
  uint64_t r = 8;
  uint64_t p = 1;
};
inline constexpr ScryptParams kScryptLegacy{32768, 8, 1};
inline constexpr ScryptParams kScryptStandard{65536, 8, 1};  // what cosign writes today
inline constexpr ScryptParams kScryptOwasp{131072, 8, 1};

// A parsed envelope, before any key derivation.
struct KeyEnvelope {
  ScryptParams params;
  std::string salt;
  std::string nonce;       // 24 bytes
  std::string ciphertext;  // tag (16 bytes) + encrypted bytes
};

// Parses the envelope JSON strictly (names as cosign writes them, base64 fields, known scrypt
// parameters, 24-byte nonce, 1..1024-byte salt). kCorrupt / kUnsupported with what was wrong.
Result<KeyEnvelope> ParseKeyEnvelope(std::string_view json);

// Decrypts `envelope` with `password`. A wrong password or altered ciphertext both fail the
// Poly1305 check: kInvalidArgument "wrong password, or the key file is corrupt".
Result<std::string> OpenKeyEnvelope(const KeyEnvelope& envelope, std::string_view password);

// Encrypts `plaintext` under `password` with a fresh random 32-byte salt and 24-byte nonce and
// returns the envelope JSON, byte for byte in go-securesystemslib's field order and format.
Result<std::string> SealKeyEnvelope(std::string_view plaintext, std::string_view password,
                                    ScryptParams params = kScryptStandard);

}  // namespace portcullis::sign
