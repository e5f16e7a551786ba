// cosign's scrypt + secretbox key envelope: the published vectors of go-securesystemslib's
// "encrypted" package (the code cosign calls), round trips, wrong passwords and tampering.
#include "sign/key_envelope.h"

#include <gtest/gtest.h>

#include "sign/base64.h"

namespace portcullis::sign {
namespace {

// go-securesystemslib encrypted/encrypted_test.go, all sealed under "supersecret": its
// kdfVectors (one per cost set it reads: Legacy, Standard, OWASP), made with Marshal, whose
// plaintext is the JSON encoding of the byte string "reallyimportant" (a quoted base64 string),
// and TestDecrypt's vector, made with Encrypt over the raw bytes.
const char* const kVectors[] = {
    R"({"kdf":{"name":"scrypt","params":{"N":32768,"r":8,"p":1},"salt":"WO3mVvyTwJ9vwT5/Tk5OW5WPIBUofMjcpEfrLnfY4uA="},"cipher":{"name":"nacl/secretbox","nonce":"tCy7HcTFr4uxv4Nrg/DWmncuZ148U1MX"},"ciphertext":"08n43p5G5yviPEZpO7tPPF4aZQkWiWjkv4taFdhDBA0tamKH4nw="})",
    R"({"kdf":{"name":"scrypt","params":{"N":65536,"r":8,"p":1},"salt":"FhzPOt9/bJG4PTq6lQ6ecG6GzaOuOy/ynG5+yRiFlNs="},"cipher":{"name":"nacl/secretbox","nonce":"aw1ng1jHaDz/tQ7V2gR9O2+IGQ8xJEuE"},"ciphertext":"HycvuLZL4sYH0BrYTh4E/H20VtAW6u5zL5Pr+IBjYLYnCPzDkq8="})",
    R"({"kdf":{"name":"scrypt","params":{"N":131072,"r":8,"p":1},"salt":"m38E3kouJTtiheLQN22NQ8DTito5hrjpUIskqcd375k="},"cipher":{"name":"nacl/secretbox","nonce":"Y6PM13yA+o44pE/W1ZBwczeGnTV/m9Zc"},"ciphertext":"6H8sqj1K6B6yDjtH5AQ6lbFigg/C2yDDJc4rYJ79w9aVPImFIPI="})",
    R"({"kdf":{"name":"scrypt","params":{"N":32768,"r":8,"p":1},"salt":"N9a7x5JFGbrtB2uBR81jPwp0eiLR4A7FV3mjVAQrg1g="},"cipher":{"name":"nacl/secretbox","nonce":"2h8HxMmgRfuYdpswZBQaU3xJ1nkA/5Ik"},"ciphertext":"SEW6sUh0jf2wfdjJGPNS9+bkk2uB+Cxamf32zR8XkQ=="})",
};

TEST(SignKeyEnvelope, OpensGoSecureSystemsLibVectors) {
  const char* const expected[] = {"\"cmVhbGx5aW1wb3J0YW50\"", "\"cmVhbGx5aW1wb3J0YW50\"",
                                  "\"cmVhbGx5aW1wb3J0YW50\"", "reallyimportant"};
  for (size_t i = 0; i < std::size(kVectors); ++i) {
    const char* vector = kVectors[i];
    auto envelope = ParseKeyEnvelope(vector);
    ASSERT_TRUE(envelope) << envelope.error().ToString();
    auto plain = OpenKeyEnvelope(*envelope, "supersecret");
    ASSERT_TRUE(plain) << plain.error().ToString();
    EXPECT_EQ(*plain, expected[i]);
    auto wrong = OpenKeyEnvelope(*envelope, "supersecreT");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(wrong.error().message.find("wrong password"), std::string::npos);
  }
}

TEST(SignKeyEnvelope, SealWritesCosignsLayoutAndOpensAgain) {
  auto sealed = SealKeyEnvelope("a PKCS#8 key would go here", "pw", kScryptLegacy);
  ASSERT_TRUE(sealed) << sealed.error().ToString();
  EXPECT_TRUE(
      sealed->starts_with(R"({"kdf":{"name":"scrypt","params":{"N":32768,"r":8,"p":1},"salt":")"))
      << *sealed;
  EXPECT_NE(sealed->find(R"("},"cipher":{"name":"nacl/secretbox","nonce":")"), std::string::npos);
  EXPECT_NE(sealed->find(R"("},"ciphertext":")"), std::string::npos);
  EXPECT_TRUE(sealed->ends_with("\"}"));
  auto envelope = ParseKeyEnvelope(*sealed);
  ASSERT_TRUE(envelope);
  EXPECT_EQ(envelope->salt.size(), 32u);
  EXPECT_EQ(envelope->nonce.size(), 24u);
  EXPECT_EQ(*OpenKeyEnvelope(*envelope, "pw"), "a PKCS#8 key would go here");
  EXPECT_FALSE(OpenKeyEnvelope(*envelope, ""));
  // Two seals of the same text differ (fresh salt and nonce).
  EXPECT_NE(*SealKeyEnvelope("x", "pw", kScryptLegacy), *SealKeyEnvelope("x", "pw", kScryptLegacy));
}

TEST(SignKeyEnvelope, AnyFlippedCiphertextOrNonceBitFailsAuthentication) {
  auto envelope = ParseKeyEnvelope(kVectors[0]);
  ASSERT_TRUE(envelope);
  for (size_t i = 0; i < envelope->ciphertext.size(); i += 5) {
    KeyEnvelope bad = *envelope;
    bad.ciphertext[i] = static_cast<char>(bad.ciphertext[i] ^ 0x01);
    EXPECT_FALSE(OpenKeyEnvelope(bad, "supersecret")) << "byte " << i;
  }
  KeyEnvelope bad_nonce = *envelope;
  bad_nonce.nonce[0] = static_cast<char>(bad_nonce.nonce[0] ^ 0x80);
  EXPECT_FALSE(OpenKeyEnvelope(bad_nonce, "supersecret"));
  KeyEnvelope bad_salt = *envelope;
  bad_salt.salt[3] = static_cast<char>(bad_salt.salt[3] ^ 0x10);
  EXPECT_FALSE(OpenKeyEnvelope(bad_salt, "supersecret"));
}

TEST(SignKeyEnvelope, RefusesMalformedOrCostlyEnvelopes) {
  const std::string salt = "WO3mVvyTwJ9vwT5/Tk5OW5WPIBUofMjcpEfrLnfY4uA=";
  const std::string nonce = "tCy7HcTFr4uxv4Nrg/DWmncuZ148U1MX";
  const std::string ct = "08n43p5G5yviPEZpO7tPPF4aZQkWiWjkv4taFdhDBA0tamKH4nw=";
  auto make = [&](std::string kdf_name, std::string n, std::string cipher_name, std::string s,
                  std::string non, std::string c) {
    return R"({"kdf":{"name":")" + kdf_name + R"(","params":{"N":)" + n +
           R"(,"r":8,"p":1},"salt":")" + s + R"("},"cipher":{"name":")" + cipher_name +
           R"(","nonce":")" + non + R"("},"ciphertext":")" + c + R"("})";
  };
  ASSERT_TRUE(ParseKeyEnvelope(make("scrypt", "32768", "nacl/secretbox", salt, nonce, ct)));
  // go-securesystemslib's "unsupported scrypt parameters" vector, and a memory bomb.
  auto costly = ParseKeyEnvelope(make("scrypt", "99", "nacl/secretbox", salt, nonce, ct));
  ASSERT_FALSE(costly);
  EXPECT_EQ(costly.error().code, ErrorCode::kUnsupported);
  EXPECT_FALSE(ParseKeyEnvelope(make("scrypt", "1073741824", "nacl/secretbox", salt, nonce, ct)));
  EXPECT_FALSE(ParseKeyEnvelope(make("scrypt", "-1", "nacl/secretbox", salt, nonce, ct)));
  EXPECT_FALSE(ParseKeyEnvelope(make("scrypt", "3.5", "nacl/secretbox", salt, nonce, ct)));
  EXPECT_FALSE(ParseKeyEnvelope(make("pbkdf2", "32768", "nacl/secretbox", salt, nonce, ct)));
  EXPECT_FALSE(ParseKeyEnvelope(make("scrypt", "32768", "aes-gcm", salt, nonce, ct)));
  EXPECT_FALSE(ParseKeyEnvelope(make("scrypt", "32768", "nacl/secretbox", "", nonce, ct)));
  EXPECT_FALSE(ParseKeyEnvelope(make("scrypt", "32768", "nacl/secretbox", salt, "AAAA", ct)));
  EXPECT_FALSE(ParseKeyEnvelope(make("scrypt", "32768", "nacl/secretbox", salt, nonce, "AAAA")));
  EXPECT_FALSE(ParseKeyEnvelope(make("scrypt", "32768", "nacl/secretbox", salt, nonce, "%%%%")));
  EXPECT_FALSE(ParseKeyEnvelope("[]"));
  EXPECT_FALSE(ParseKeyEnvelope("{"));
  EXPECT_FALSE(ParseKeyEnvelope(""));
}

}  // namespace
}  // namespace portcullis::sign
