// ECDSA P-256 signing keys in the formats cosign reads and writes. A PrivateKey or PublicKey is
// immutable after construction; any thread may use one concurrently (OpenSSL EVP_PKEYs are
// safe for concurrent signing and verification).
//
// Files read:  "ENCRYPTED SIGSTORE PRIVATE KEY" and "ENCRYPTED COSIGN PRIVATE KEY" (cosign's
//              password envelope around PKCS#8 DER, key_envelope.h), "PRIVATE KEY" (PKCS#8),
//              "EC PRIVATE KEY" (SEC 1), and "PUBLIC KEY" (SubjectPublicKeyInfo).
// Files written: cosign.key as "ENCRYPTED SIGSTORE PRIVATE KEY", cosign.pub as "PUBLIC KEY".
// Only P-256 keys are accepted: cosign's default and the one scheme its spec requires.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "portcullis/result.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace portcullis::sign {

inline constexpr std::string_view kSigstorePrivateKeyLabel = "ENCRYPTED SIGSTORE PRIVATE KEY";
inline constexpr std::string_view kCosignPrivateKeyLabel = "ENCRYPTED COSIGN PRIVATE KEY";

// Verification of one signature: valid, invalid for this key and data, or not an ECDSA
// signature at all (not strict DER SEQUENCE { INTEGER r, INTEGER s }).
enum class SignatureCheck { kValid, kInvalid, kMalformed };

class PublicKey {
 public:
  // Parses a PEM "PUBLIC KEY" (SubjectPublicKeyInfo of an EC P-256 key).
  static Result<PublicKey> FromPem(std::string_view pem_text);
  // Parses SubjectPublicKeyInfo DER; every byte must belong to it.
  static Result<PublicKey> FromSpkiDer(std::string_view der);

  // SubjectPublicKeyInfo DER (uncompressed point) and its PEM "PUBLIC KEY".
  std::string SpkiDer() const;
  std::string ToPem() const;

  // Checks `der_signature` (ASN.1 DER ECDSA) over SHA-256 of `data`.
  SignatureCheck Verify(std::string_view data, std::string_view der_signature) const;

 private:
  friend class PrivateKey;
  explicit PublicKey(std::shared_ptr<EVP_PKEY> key) : key_(std::move(key)) {}
  std::shared_ptr<EVP_PKEY> key_;
};

class PrivateKey {
 public:
  // A fresh P-256 key from the system's random source.
  static Result<PrivateKey> Generate();
  // PKCS#8 PrivateKeyInfo DER / SEC 1 ECPrivateKey DER; every byte must belong to it.
  static Result<PrivateKey> FromPkcs8Der(std::string_view der);
  static Result<PrivateKey> FromSec1Der(std::string_view der);

  // PKCS#8 PrivateKeyInfo DER (secret: the caller wipes it when done).
  Result<std::string> Pkcs8Der() const;
  PublicKey Public() const;

  // ECDSA P-256 over SHA-256 of `data`: ASN.1 DER (r, s), as `openssl dgst -sha256 -sign` and
  // cosign make them.
  Result<std::string> Sign(std::string_view data) const;

 private:
  explicit PrivateKey(std::shared_ptr<EVP_PKEY> key) : key_(std::move(key)) {}
  std::shared_ptr<EVP_PKEY> key_;
};

// Supplies the password of an encrypted key; called at most once, and only when the key file
// is encrypted.
using PasswordSource = std::function<Result<std::string>()>;

// Reads a private key file's text in any of the forms listed at the top. kInvalidArgument for
// a wrong password, kUnsupported for another key type or curve, kCorrupt for malformed input.
Result<PrivateKey> LoadPrivateKey(std::string_view pem_text, const PasswordSource& password);

// `key` as cosign.key: PKCS#8 DER sealed under `password` (scrypt N=65536, r=8, p=1 + NaCl
// secretbox) in PEM "ENCRYPTED SIGSTORE PRIVATE KEY".
Result<std::string> EncryptedPrivateKeyPem(const PrivateKey& key, std::string_view password);

}  // namespace portcullis::sign
