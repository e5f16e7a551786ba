// Base64 and PEM: RFC 4648 vectors, strictness on untrusted input, and PEM round trips.
#include <gtest/gtest.h>

#include "sign/base64.h"
#include "sign/pem.h"

namespace portcullis::sign {
namespace {

TEST(SignBase64, Rfc4648Vectors) {
  const std::pair<std::string, std::string> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(Base64Encode(plain), encoded);
    auto decoded = Base64Decode(encoded);
    ASSERT_TRUE(decoded) << encoded;
    EXPECT_EQ(*decoded, plain);
  }
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  EXPECT_EQ(*Base64Decode(Base64Encode(all)), all);
}

TEST(SignBase64, RejectsWhatIsNotStrictBase64) {
  for (std::string bad : {"Zg", "Zg=", "Zh==", "Zm9=", "Z===", "Zm9v\n", "Zm 9", "Zm9-", "Zm9_",
                          "=Zm9", "Zg==Zg==", "Zm9vYmFy===="}) {
    EXPECT_FALSE(Base64Decode(bad)) << bad;
  }
}

TEST(SignPem, RoundTripsLongBodiesIn64ColumnLines) {
  std::string body(200, '\x5a');
  std::string pem = EncodePem("PUBLIC KEY", body);
  EXPECT_TRUE(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
  EXPECT_TRUE(pem.ends_with("\n-----END PUBLIC KEY-----\n"));
  size_t longest = 0;
  size_t start = 0;
  for (size_t i = 0; i < pem.size(); ++i) {
    if (pem[i] == '\n') {
      longest = std::max(longest, i - start);
      start = i + 1;
    }
  }
  EXPECT_EQ(longest, 64u);
  auto block = ParsePem("leading text\r\n" + pem + "trailing");
  ASSERT_TRUE(block) << block.error().ToString();
  EXPECT_EQ(block->label, "PUBLIC KEY");
  EXPECT_EQ(block->body, body);
}

TEST(SignPem, RejectsMalformedBlocks) {
  EXPECT_FALSE(ParsePem(""));
  EXPECT_FALSE(ParsePem("just text\n"));
  EXPECT_FALSE(ParsePem("-----BEGIN PUBLIC KEY-----\nZm9v\n"));  // no END
  EXPECT_FALSE(ParsePem("-----BEGIN PUBLIC KEY-----\nZm9v\n-----END PRIVATE KEY-----\n"));
  EXPECT_FALSE(ParsePem("-----BEGIN PUBLIC KEY-----\nZm9\n-----END PUBLIC KEY-----\n"));
  EXPECT_FALSE(
      ParsePem("-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
               "DEK-Info: AES-128-CBC,00\n\nZm9v\n-----END EC PRIVATE KEY-----\n"));
  auto big = ParsePem(std::string(kMaxKeyFileBytes + 1, 'A'));
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::kLimitExceeded);
}

}  // namespace
}  // namespace portcullis::sign
