// The simple-signing payload: byte-identical to what cosign writes (sigstore's published
// marshalling vectors), and a strict reader for what a registry returns.
#include "sign/payload.h"

#include <gtest/gtest.h>

namespace portcullis::sign {
namespace {

constexpr std::string_view kDigest =
    "sha256:d34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33f";

TEST(SignPayload, WritesCosignsBytes) {
  // sigstore/sigstore pkg/signature/payload TestMarshalCosign, "no claims".
  EXPECT_EQ(
      MakeSimpleSigningPayload("example.com/test/image", kDigest),
      R"({"critical":{"identity":{"docker-reference":"example.com/test/image"},"image":{"docker-manifest-digest":"sha256:d34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33f"},"type":"cosign container image signature"},"optional":null})");
  // `cosign sign -a creator=atomic -a env=prod`: a Go map of strings, keys sorted.
  EXPECT_EQ(
      MakeSimpleSigningPayload("example.com/atomic/test/image", kDigest,
                               {{"env", "prod"}, {"creator", "atomic"}}),
      R"({"critical":{"identity":{"docker-reference":"example.com/atomic/test/image"},"image":{"docker-manifest-digest":"sha256:d34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33f"},"type":"cosign container image signature"},"optional":{"creator":"atomic","env":"prod"}})");
}

TEST(SignPayload, EscapesStringsAsGoDoes) {
  std::string payload =
      MakeSimpleSigningPayload("r/x", kDigest, {{"k", "a<b>&c\"d\\e\nf\x01g\xe2\x80\xa8h\xffi"}});
  EXPECT_NE(payload.find(R"("k":"a\u003cb\u003e\u0026c\"d\\e\nf\u0001g\u2028h)"
                         "\xef\xbf\xbd"
                         R"(i")"),
            std::string::npos)
      << payload;
}

TEST(SignPayload, ReadsWhatItWritesAndWhatCosignWrites) {
  auto parsed = ParseSimpleSigningPayload(
      MakeSimpleSigningPayload("127.0.0.1:5000/a/b", kDigest, {{"creator", "ci"}}));
  ASSERT_TRUE(parsed) << parsed.error().ToString();
  EXPECT_EQ(parsed->docker_reference, "127.0.0.1:5000/a/b");
  EXPECT_EQ(parsed->manifest_digest, kDigest);
  EXPECT_EQ(parsed->optional["creator"], "ci");
  // sigstore's TestUnmarshalCosign "arbitrary claims" payload (non-string claims).
  auto cosign = ParseSimpleSigningPayload(
      R"({"critical":{"identity":{"docker-reference":"example.com/cosign/test/image"},"image":{"docker-manifest-digest":"sha256:d34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33f"},"type":"cosign container image signature"},"optional":{"CamelCase WithSpace":8.314,"creator":"anyone","some_struct":{"false":true,"foo":"bar","nothing":null}}})");
  ASSERT_TRUE(cosign) << cosign.error().ToString();
  EXPECT_EQ(cosign->docker_reference, "example.com/cosign/test/image");
  EXPECT_EQ(cosign->optional["some_struct"]["foo"], "bar");
}

TEST(SignPayload, RefusesPayloadsThatAreNotCosignsOrAreAmbiguous) {
  const std::string good = MakeSimpleSigningPayload("r/x", kDigest);
  ASSERT_TRUE(ParseSimpleSigningPayload(good));
  const std::string bad[] = {
      "",
      "null",
      "[]",
      good.substr(0, good.size() - 1),
      // sigstore's "unknown type" vector.
      R"({"critical":{"identity":{"docker-reference":"example.com/atomic/test/image"},"image":{"docker-manifest-digest":"sha256:d34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33f"},"type":"atomic container signature"},"optional":{}})",
      R"({"critical":{"identity":{"docker-reference":"r"},"image":{"docker-manifest-digest":"sha256:abc"},"type":"cosign container image signature"}})",
      R"({"critical":{"identity":{"docker-reference":"r"},"image":{"Docker-manifest-digest":"sha256:d34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33f"},"type":"cosign container image signature"}})",
      R"({"critical":{"identity":{"docker-reference":"r"},"image":{"docker-manifest-digest":"sha256:D34DB33FD34DB33FD34DB33FD34DB33FD34DB33FD34DB33FD34DB33FD34DB33F"},"type":"cosign container image signature"}})",
      // Two digests: Go's decoder keeps the last, others the first; neither may be trusted.
      R"({"critical":{"identity":{"docker-reference":"r"},"image":{"docker-manifest-digest":"sha256:d34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33f","docker-manifest-digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000"},"type":"cosign container image signature"}})",
      R"({"critical":{"identity":{"docker-reference":"r"},"image":{"docker-manifest-digest":"sha256:d34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33f"},"type":"cosign container image signature"},"critical":{}})",
      R"({"critical":{"identity":{"docker-reference":7},"image":{"docker-manifest-digest":"sha256:d34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33fd34db33f"},"type":"cosign container image signature"}})",
  };
  for (const std::string& payload : bad) {
    auto parsed = ParseSimpleSigningPayload(payload);
    EXPECT_FALSE(parsed) << payload;
    if (!parsed) {
      EXPECT_EQ(parsed.error().code, ErrorCode::kCorrupt) << payload;
    }
  }
  std::string deep = good.substr(0, good.size() - 1) + ",\"x\":" + std::string(100, '[') +
                     std::string(100, ']') + "}";
  EXPECT_FALSE(ParseSimpleSigningPayload(deep));
  auto huge = ParseSimpleSigningPayload(std::string(kMaxPayloadBytes + 1, ' '));
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().code, ErrorCode::kLimitExceeded);
}

}  // namespace
}  // namespace portcullis::sign
