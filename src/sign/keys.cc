// P-256 keys on OpenSSL 3: generation, DER/PEM forms, ECDSA signing and verification.
#include "sign/keys.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/x509.h>

#include "core/strings.h"
#include "sign/key_envelope.h"
#include "sign/pem.h"

namespace portcullis::sign {
namespace {

std::shared_ptr<EVP_PKEY> Own(EVP_PKEY* key) { return {key, EVP_PKEY_free}; }

// Clears OpenSSL's error queue so that one failed parse leaves nothing for the next caller.
void ClearErrors() { ERR_clear_error(); }

// kOk when `key` is an EC key on P-256, else the reason.
Result<void> RequireP256(EVP_PKEY* key, std::string_view what) {
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC) {
    return Fail(ErrorCode::kUnsupported, "{} is not an EC key (only ECDSA P-256 is supported)",
                what);
  }
  char group[64] = {};
  size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group), &len) !=
          1 ||
      std::string_view(group, len) != SN_X9_62_prime256v1) {
    return Fail(ErrorCode::kUnsupported, "{} is on curve \"{}\", only P-256 is supported", what,
                std::string_view(group, len));
  }
  return {};
}

Result<std::string> Der(EVP_PKEY* key, int (*encode)(const EVP_PKEY*, unsigned char**)) {
  int size = encode(key, nullptr);
  if (size <= 0) return Fail(ErrorCode::kInternal, "cannot DER-encode the key");
  std::string der(static_cast<size_t>(size), '\0');
  unsigned char* out = reinterpret_cast<unsigned char*>(der.data());
  if (encode(key, &out) != size) return Fail(ErrorCode::kInternal, "cannot DER-encode the key");
  return der;
}

// i2d_PUBKEY takes a const key in OpenSSL 3 but is declared for EVP_PKEY*; adapt both.
int EncodeSpki(const EVP_PKEY* key, unsigned char** out) { return i2d_PUBKEY(key, out); }

// True when `der` is a strict DER ECDSA-Sig-Value: it parses and re-encodes to the same bytes.
bool StrictEcdsaDer(std::string_view der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
  if (sig == nullptr) {
    ClearErrors();
    return false;
  }
  bool whole = p == reinterpret_cast<const unsigned char*>(der.data()) + der.size();
  unsigned char* again = nullptr;
  int len = i2d_ECDSA_SIG(sig, &again);
  bool same = whole && len > 0 && static_cast<size_t>(len) == der.size() &&
              std::string_view(reinterpret_cast<char*>(again), static_cast<size_t>(len)) == der;
  OPENSSL_free(again);
  ECDSA_SIG_free(sig);
  return same;
}

}  // namespace

Result<PublicKey> PublicKey::FromSpkiDer(std::string_view der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  EVP_PKEY* raw = d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size()));
  if (raw == nullptr) {
    ClearErrors();
    return Fail(ErrorCode::kCorrupt, "public key: not a SubjectPublicKeyInfo");
  }
  auto key = Own(raw);
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    return Fail(
        ErrorCode::kCorrupt, "public key: {} bytes after the SubjectPublicKeyInfo",
        der.size() - static_cast<size_t>(p - reinterpret_cast<const unsigned char*>(der.data())));
  }
  PC_TRY_VOID(RequireP256(key.get(), "public key"));
  return PublicKey(std::move(key));
}

Result<PublicKey> PublicKey::FromPem(std::string_view pem_text) {
  PemBlock block = PC_TRY(ParsePem(pem_text));
  if (block.label != "PUBLIC KEY") {
    return Fail(ErrorCode::kInvalidArgument,
                "expected a PEM \"PUBLIC KEY\" (e.g. cosign.pub), found \"{}\"",
                Excerpt(block.label, 60));
  }
  return FromSpkiDer(block.body);
}

std::string PublicKey::SpkiDer() const {
  auto der = Der(key_.get(), EncodeSpki);
  return der ? *der : std::string();
}

std::string PublicKey::ToPem() const { return EncodePem("PUBLIC KEY", SpkiDer()); }

SignatureCheck PublicKey::Verify(std::string_view data, std::string_view der_signature) const {
  if (!StrictEcdsaDer(der_signature)) return SignatureCheck::kMalformed;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) return SignatureCheck::kInvalid;
  int rc = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key_.get());
  if (rc == 1) {
    rc = EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(der_signature.data()),
                          der_signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                          data.size());
  }
  EVP_MD_CTX_free(ctx);
  ClearErrors();
  return rc == 1 ? SignatureCheck::kValid : SignatureCheck::kInvalid;
}

Result<PrivateKey> PrivateKey::Generate() {
  EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", SN_X9_62_prime256v1);
  if (raw == nullptr) {
    ClearErrors();
    return Fail(ErrorCode::kInternal, "cannot generate a P-256 key");
  }
  return PrivateKey(Own(raw));
}

Result<PrivateKey> PrivateKey::FromPkcs8Der(std::string_view der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  PKCS8_PRIV_KEY_INFO* info = d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, static_cast<long>(der.size()));
  if (info == nullptr) {
    ClearErrors();
    return Fail(ErrorCode::kCorrupt, "private key: not a PKCS#8 PrivateKeyInfo");
  }
  bool whole = p == reinterpret_cast<const unsigned char*>(der.data()) + der.size();
  EVP_PKEY* raw = whole ? EVP_PKCS82PKEY(info) : nullptr;
  PKCS8_PRIV_KEY_INFO_free(info);
  if (!whole) return Fail(ErrorCode::kCorrupt, "private key: bytes after the PKCS#8 structure");
  if (raw == nullptr) {
    ClearErrors();
    return Fail(ErrorCode::kUnsupported, "private key: PKCS#8 key of an unsupported type");
  }
  auto key = Own(raw);
  PC_TRY_VOID(RequireP256(key.get(), "private key"));
  return PrivateKey(std::move(key));
}

Result<PrivateKey> PrivateKey::FromSec1Der(std::string_view der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  EVP_PKEY* raw = d2i_PrivateKey(EVP_PKEY_EC, nullptr, &p, static_cast<long>(der.size()));
  if (raw == nullptr) {
    ClearErrors();
    return Fail(ErrorCode::kCorrupt, "private key: not an EC PRIVATE KEY (SEC 1)");
  }
  auto key = Own(raw);
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    return Fail(ErrorCode::kCorrupt, "private key: bytes after the EC PRIVATE KEY structure");
  }
  PC_TRY_VOID(RequireP256(key.get(), "private key"));
  return PrivateKey(std::move(key));
}

Result<std::string> PrivateKey::Pkcs8Der() const {
  PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(key_.get());
  if (info == nullptr) {
    ClearErrors();
    return Fail(ErrorCode::kInternal, "cannot encode the private key as PKCS#8");
  }
  unsigned char* out = nullptr;
  int len = i2d_PKCS8_PRIV_KEY_INFO(info, &out);
  PKCS8_PRIV_KEY_INFO_free(info);
  if (len <= 0) return Fail(ErrorCode::kInternal, "cannot encode the private key as PKCS#8");
  std::string der(reinterpret_cast<char*>(out), static_cast<size_t>(len));
  OPENSSL_clear_free(out, static_cast<size_t>(len));
  return der;
}

PublicKey PrivateKey::Public() const {
  auto der = Der(key_.get(), EncodeSpki);
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der->data());
  return PublicKey(Own(d2i_PUBKEY(nullptr, &p, static_cast<long>(der->size()))));
}

Result<std::string> PrivateKey::Sign(std::string_view data) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) return Fail(ErrorCode::kInternal, "out of memory");
  size_t len = 0;
  std::string sig;
  bool ok = EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key_.get()) == 1 &&
            EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()),
                           data.size()) == 1;
  if (ok) {
    sig.resize(len);
    ok = EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                        reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
    sig.resize(len);
  }
  EVP_MD_CTX_free(ctx);
  if (!ok) {
    ClearErrors();
    return Fail(ErrorCode::kInternal, "ECDSA signing failed");
  }
  return sig;
}

Result<PrivateKey> LoadPrivateKey(std::string_view pem_text, const PasswordSource& password) {
  PemBlock block = PC_TRY(ParsePem(pem_text));
  if (block.label == kSigstorePrivateKeyLabel || block.label == kCosignPrivateKeyLabel) {
    KeyEnvelope envelope = PC_TRY(ParseKeyEnvelope(block.body));
    if (!password) return Fail(ErrorCode::kInvalidArgument, "the private key needs a password");
    std::string pass = PC_TRY(password());
    auto der = OpenKeyEnvelope(envelope, pass);
    OPENSSL_cleanse(pass.data(), pass.size());
    if (!der) return std::unexpected(der.error());
    auto key = PrivateKey::FromPkcs8Der(*der);
    OPENSSL_cleanse(der->data(), der->size());
    return key;
  }
  if (block.label == "PRIVATE KEY") {
    auto key = PrivateKey::FromPkcs8Der(block.body);
    OPENSSL_cleanse(block.body.data(), block.body.size());
    return key;
  }
  if (block.label == "EC PRIVATE KEY") {
    auto key = PrivateKey::FromSec1Der(block.body);
    OPENSSL_cleanse(block.body.data(), block.body.size());
    return key;
  }
  if (block.label == "PUBLIC KEY") {
    return Fail(ErrorCode::kInvalidArgument,
                "this is a public key; signing needs the private key (e.g. cosign.key)");
  }
  return Fail(ErrorCode::kUnsupported, "unsupported private key PEM \"{}\"",
              Excerpt(block.label, 60));
}

Result<std::string> EncryptedPrivateKeyPem(const PrivateKey& key, std::string_view password) {
  std::string der = PC_TRY(key.Pkcs8Der());
  auto sealed = SealKeyEnvelope(der, password, kScryptStandard);
  OPENSSL_cleanse(der.data(), der.size());
  if (!sealed) return std::unexpected(sealed.error());
  return EncodePem(kSigstorePrivateKeyLabel, *sealed);
}

}  // namespace portcullis::sign
