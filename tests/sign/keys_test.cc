// P-256 keys: cosign.key generation and reloading, keys made by cosign and by OpenSSL, and
// signatures that `openssl dgst` verifies (and the other way round).
#include "sign/keys.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/files.h"
#include "sign/key_envelope.h"
#include "sign/payload.h"
#include "sign/pem.h"
#include "support/image_builder.h"

namespace portcullis::sign {
namespace {

using portcullis::testing::TempDir;

struct Shell {
  int status = -1;
  std::string out;
};

// Runs `command` with sh, stdout and stderr captured.
Shell Shell_(const std::string& command) {
  Shell result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) result.out.append(buffer, n);
  int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

void WriteFile(const std::string& path, std::string_view data) {
  std::ofstream(path, std::ios::binary) << data;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

PasswordSource Password(std::string password) {
  return [password] { return Result<std::string>(password); };
}

// A cosign.key written by cosign (v2, scrypt N=65536) with the empty password, published in
// conforma/cli's tests (internal/validate/vsa): keys from the real implementation must load.
constexpr std::string_view kCosignWrittenKey = R"(-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----
eyJrZGYiOnsibmFtZSI6InNjcnlwdCIsInBhcmFtcyI6eyJOIjo2NTUzNiwiciI6
OCwicCI6MX0sInNhbHQiOiJLYU9OQzduQVJLOVgxM1FoaWFucjAwTTBGYys2Sitr
dnAxN1FuanpiVk9nPSJ9LCJjaXBoZXIiOnsibmFtZSI6Im5hY2wvc2VjcmV0Ym94
Iiwibm9uY2UiOiJVOHZqWWtqMlZOUFZGdlZFZWZ3bXZ5VGloUERrelBoaCJ9LCJj
aXBoZXJ0ZXh0IjoidWNWMnQ4TTZVNFJvb29FOXc0d3dkc3E1RDYrS2RKY245dERT
KzFwRDRGN040SVJOWEgzSTBua3h1a3NackFOUHR1emIvTkVYQ201dUp3Zjh3Qzl1
VlprbXdwNU5jRUZ6b3ZNS3JCZmNvdXdjaEkrMzkrQ0NhbVZPbzBucmRnZjhvcmpK
dXdrWDBYL1phY0RUTERGaUxyc1laMWVMMmlqMGU1MVRpZmVQNTl4WXNPK1FnM1Jv
OURRVjNQMk9ndDFDaVFHeGg1VXhUZytGc3c9PSJ9
-----END ENCRYPTED SIGSTORE PRIVATE KEY-----
)";

TEST(SignKeys, LoadsAKeyWrittenByCosign) {
  auto key = LoadPrivateKey(kCosignWrittenKey, Password(""));
  ASSERT_TRUE(key) << key.error().ToString();
  auto sig = key->Sign("payload");
  ASSERT_TRUE(sig);
  EXPECT_EQ(key->Public().Verify("payload", *sig), SignatureCheck::kValid);
  EXPECT_FALSE(LoadPrivateKey(kCosignWrittenKey, Password("not empty")));
}

TEST(SignKeys, GeneratedKeyReloadsWithTheRightPasswordOnly) {
  auto key = PrivateKey::Generate();
  ASSERT_TRUE(key) << key.error().ToString();
  auto pem = EncryptedPrivateKeyPem(*key, "correct horse");
  ASSERT_TRUE(pem) << pem.error().ToString();
  EXPECT_TRUE(pem->starts_with("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"));
  auto block = ParsePem(*pem);
  ASSERT_TRUE(block);
  EXPECT_TRUE(block->body.starts_with(
      R"({"kdf":{"name":"scrypt","params":{"N":65536,"r":8,"p":1},"salt":")"));

  auto reloaded = LoadPrivateKey(*pem, Password("correct horse"));
  ASSERT_TRUE(reloaded) << reloaded.error().ToString();
  EXPECT_EQ(reloaded->Public().SpkiDer(), key->Public().SpkiDer());

  auto wrong = LoadPrivateKey(*pem, Password("correct horsE"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(wrong.error().message.find("wrong password"), std::string::npos);

  // cosign also reads (and older cosign wrote) the COSIGN label over the same envelope.
  std::string old_label = EncodePem(kCosignPrivateKeyLabel, block->body);
  auto old = LoadPrivateKey(old_label, Password("correct horse"));
  ASSERT_TRUE(old) << old.error().ToString();
  EXPECT_EQ(old->Public().SpkiDer(), key->Public().SpkiDer());

  // The password source is only asked for encrypted keys, and its failure is the error.
  auto no_password = LoadPrivateKey(*pem, [] {
    return Result<std::string>(std::unexpected(Error{ErrorCode::kInvalidArgument, "no tty"}));
  });
  ASSERT_FALSE(no_password);
  EXPECT_EQ(no_password.error().message, "no tty");
}

TEST(SignKeys, PublicKeyPemIsSubjectPublicKeyInfoThatOpenSslReads) {
  TempDir tmp;
  auto key = PrivateKey::Generate();
  ASSERT_TRUE(key);
  std::string pub = key->Public().ToPem();
  EXPECT_TRUE(pub.starts_with("-----BEGIN PUBLIC KEY-----\n"));
  EXPECT_EQ(key->Public().SpkiDer().size(), 91u);  // P-256, uncompressed point
  WriteFile(tmp / "cosign.pub", pub);
  auto text = Shell_("openssl pkey -pubin -in " + tmp / "cosign.pub" + " -noout -text");
  ASSERT_EQ(text.status, 0) << text.out;
  EXPECT_NE(text.out.find("prime256v1"), std::string::npos) << text.out;
  auto again = PublicKey::FromPem(pub);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->SpkiDer(), key->Public().SpkiDer());
  // OpenSSL reads our PKCS#8 and derives the same public key.
  auto der = key->Pkcs8Der();
  ASSERT_TRUE(der);
  WriteFile(tmp / "key.der", *der);
  auto derived = Shell_("openssl pkey -inform DER -in " + tmp / "key.der" + " -pubout");
  ASSERT_EQ(derived.status, 0) << derived.out;
  EXPECT_EQ(derived.out, pub);
}

TEST(SignKeys, OurSignatureVerifiesWithOpensslDgst) {
  TempDir tmp;
  auto key = PrivateKey::Generate();
  ASSERT_TRUE(key);
  std::string payload = MakeSimpleSigningPayload(
      "127.0.0.1:5000/test/app",
      "sha256:d34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33f");
  auto sig = key->Sign(payload);
  ASSERT_TRUE(sig);
  WriteFile(tmp / "cosign.pub", key->Public().ToPem());
  WriteFile(tmp / "payload.json", payload);
  WriteFile(tmp / "sig.der", *sig);
  auto ok = Shell_("openssl dgst -sha256 -verify " + tmp / "cosign.pub" + " -signature " +
                   tmp / "sig.der" + " " + tmp / "payload.json");
  EXPECT_EQ(ok.status, 0) << ok.out;
  EXPECT_NE(ok.out.find("Verified OK"), std::string::npos) << ok.out;
  // One changed byte and OpenSSL refuses it too.
  WriteFile(tmp / "payload.json", payload + " ");
  auto bad = Shell_("openssl dgst -sha256 -verify " + tmp / "cosign.pub" + " -signature " +
                    tmp / "sig.der" + " " + tmp / "payload.json");
  EXPECT_NE(bad.status, 0) << bad.out;
}

TEST(SignKeys, OpensslSignaturesAndKeysVerifyWithOurCode) {
  TempDir tmp;
  // A PKCS#8 "PRIVATE KEY" and a SEC 1 "EC PRIVATE KEY", both made by OpenSSL.
  ASSERT_EQ(Shell_("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out " +
                   tmp / "pkcs8.pem")
                .status,
            0);
  ASSERT_EQ(
      Shell_("openssl ecparam -name prime256v1 -genkey -noout -out " + tmp / "sec1.pem").status, 0);
  std::string payload = MakeSimpleSigningPayload(
      "registry.example/team/app",
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  WriteFile(tmp / "payload.json", payload);
  for (const char* name : {"pkcs8.pem", "sec1.pem"}) {
    std::string key_path = tmp / name;
    ASSERT_EQ(Shell_("openssl dgst -sha256 -sign " + key_path + " -out " + tmp / "sig.der" + " " +
                     tmp / "payload.json")
                  .status,
              0);
    ASSERT_EQ(Shell_("openssl pkey -in " + key_path + " -pubout -out " + tmp / "pub.pem").status,
              0);
    auto pub = PublicKey::FromPem(ReadFile(tmp / "pub.pem"));
    ASSERT_TRUE(pub) << pub.error().ToString();
    std::string sig = ReadFile(tmp / "sig.der");
    EXPECT_EQ(pub->Verify(payload, sig), SignatureCheck::kValid) << name;
    EXPECT_EQ(pub->Verify(payload + "x", sig), SignatureCheck::kInvalid) << name;

    auto key = LoadPrivateKey(ReadFile(key_path), nullptr);
    ASSERT_TRUE(key) << name << ": " << key.error().ToString();
    EXPECT_EQ(key->Public().SpkiDer(), pub->SpkiDer()) << name;
    auto ours = key->Sign(payload);
    ASSERT_TRUE(ours);
    EXPECT_EQ(pub->Verify(payload, *ours), SignatureCheck::kValid) << name;
  }
}

TEST(SignKeys, RefusesOtherCurvesAlgorithmsAndMisplacedKeys) {
  TempDir tmp;
  ASSERT_EQ(Shell_("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out " +
                   tmp / "p384.pem")
                .status,
            0);
  ASSERT_EQ(Shell_("openssl genpkey -algorithm ED25519 -out " + tmp / "ed.pem").status, 0);
  ASSERT_EQ(
      Shell_("openssl pkey -in " + tmp / "p384.pem" + " -pubout -out " + tmp / "p384.pub").status,
      0);
  auto p384 = LoadPrivateKey(ReadFile(tmp / "p384.pem"), nullptr);
  ASSERT_FALSE(p384);
  EXPECT_EQ(p384.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(p384.error().message.find("P-256"), std::string::npos);
  auto ed = LoadPrivateKey(ReadFile(tmp / "ed.pem"), nullptr);
  ASSERT_FALSE(ed);
  EXPECT_EQ(ed.error().code, ErrorCode::kUnsupported);
  auto p384_pub = PublicKey::FromPem(ReadFile(tmp / "p384.pub"));
  ASSERT_FALSE(p384_pub);
  EXPECT_EQ(p384_pub.error().code, ErrorCode::kUnsupported);

  auto key = PrivateKey::Generate();
  ASSERT_TRUE(key);
  std::string pub = key->Public().ToPem();
  auto as_private = LoadPrivateKey(pub, nullptr);
  ASSERT_FALSE(as_private);
  EXPECT_NE(as_private.error().message.find("public key"), std::string::npos);
  auto pem = EncryptedPrivateKeyPem(*key, "pw");
  ASSERT_TRUE(pem);
  EXPECT_FALSE(PublicKey::FromPem(*pem));
  // Trailing bytes after the DER structure are refused.
  auto der = key->Pkcs8Der();
  ASSERT_TRUE(der);
  EXPECT_FALSE(PrivateKey::FromPkcs8Der(*der + std::string(1, '\0')));
  EXPECT_FALSE(PublicKey::FromSpkiDer(key->Public().SpkiDer() + "x"));
  EXPECT_FALSE(
      LoadPrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", nullptr));
}

TEST(SignKeys, MalformedSignaturesAreToldApartFromInvalidOnes) {
  auto key = PrivateKey::Generate();
  ASSERT_TRUE(key);
  auto sig = key->Sign("data");
  ASSERT_TRUE(sig);
  PublicKey pub = key->Public();
  EXPECT_EQ(pub.Verify("data", *sig), SignatureCheck::kValid);
  EXPECT_EQ(pub.Verify("datA", *sig), SignatureCheck::kInvalid);
  EXPECT_EQ(pub.Verify("data", ""), SignatureCheck::kMalformed);
  EXPECT_EQ(pub.Verify("data", "not DER"), SignatureCheck::kMalformed);
  EXPECT_EQ(pub.Verify("data", *sig + std::string(1, '\0')), SignatureCheck::kMalformed);
  std::string truncated = sig->substr(0, sig->size() - 1);
  EXPECT_EQ(pub.Verify("data", truncated), SignatureCheck::kMalformed);
  auto other = PrivateKey::Generate();
  ASSERT_TRUE(other);
  EXPECT_EQ(other->Public().Verify("data", *sig), SignatureCheck::kInvalid);
}

}  // namespace
}  // namespace portcullis::sign
