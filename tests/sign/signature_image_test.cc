// Signature images: the tag name, the manifest and config as cosign writes them, and reading a
// manifest cosign pushed.
#include "sign/signature_image.h"

#include <gtest/gtest.h>

#include "core/digest.h"

namespace portcullis::sign {
namespace {

TEST(SignSignatureImage, TagIsTheDigestWithADashAndSig) {
  auto tag =
      SignatureTag("sha256:97fc222cee7991b5b061d4d4afdb5f3428fcb0c9054e1690313786befa1e4e36");
  ASSERT_TRUE(tag);
  // cosign's SIGNATURE_SPEC example.
  EXPECT_EQ(*tag, "sha256-97fc222cee7991b5b061d4d4afdb5f3428fcb0c9054e1690313786befa1e4e36.sig");
  EXPECT_FALSE(SignatureTag("latest"));
  EXPECT_FALSE(SignatureTag("sha256:97fc"));
  EXPECT_FALSE(SignatureTag("sha256:../../../../etc/passwd"));
}

// The signature manifest cosign 1.13 pushed for one signature (from a recorded `cosign sign -d`
// session, jeffhuang4704/just-notes cosign/cosign-traffic.md).
constexpr std::string_view kCosignManifest =
    R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":247,"digest":"sha256:85ad8e17d3d7c00664855c638832bd99f32d42542c2d587851410a45a7f60b95"},"layers":[{"mediaType":"application/vnd.dev.cosign.simplesigning.v1+json","size":252,"digest":"sha256:b671489ededd1a180bd87235bba00fd83354f9c7d13b71d9f8b66a8e52965ebc","annotations":{"dev.cosignproject.cosign/signature":"MEYCIQCPH7NJAIfrB6BZN91dV0o7l/i11muXrvrAh100jDMMhAIhAPsLH0oXb2OPITXRpWBMUd3vHtz5Ks5pql2Hr6t/IJXw"}}]})";

TEST(SignSignatureImage, ReadsAManifestCosignPushedAndWritesTheSameForm) {
  auto layers = ParseSignatureManifest(kCosignManifest);
  ASSERT_TRUE(layers) << layers.error().ToString();
  ASSERT_EQ(layers->size(), 1u);
  const SignatureLayer& layer = (*layers)[0];
  EXPECT_EQ(layer.media_type, kSimpleSigningMediaType);
  EXPECT_EQ(layer.size, 252u);
  EXPECT_EQ(layer.digest,
            "sha256:b671489ededd1a180bd87235bba00fd83354f9c7d13b71d9f8b66a8e52965ebc");
  EXPECT_EQ(layer.annotations.at(std::string(kSignatureAnnotation)),
            "MEYCIQCPH7NJAIfrB6BZN91dV0o7l/"
            "i11muXrvrAh100jDMMhAIhAPsLH0oXb2OPITXRpWBMUd3vHtz5Ks5pql2Hr6t/IJXw");

  SignatureImage image = BuildSignatureImage(*layers);
  // cosign's config for this layer was 247 bytes with a wall-clock "created"
  // ("2023-02-17T09:25:33.91047962-08:00", 34 characters); ours has the fixed zero time (20).
  EXPECT_EQ(
      image.config,
      R"({"architecture":"","created":"0001-01-01T00:00:00Z","history":[{"created":"0001-01-01T00:00:00Z"}],"os":"","rootfs":{"type":"layers","diff_ids":["sha256:b671489ededd1a180bd87235bba00fd83354f9c7d13b71d9f8b66a8e52965ebc"]},"config":{}})");
  EXPECT_EQ(image.config.size(), 247u - 34u + 20u);
  EXPECT_EQ(image.config_digest, Sha256Digest(image.config));
  std::string expected(kCosignManifest);
  expected.replace(expected.find("\"size\":247"), 10, "\"size\":233");
  expected.replace(expected.find("sha256:85ad8e17"), 71, image.config_digest);
  EXPECT_EQ(image.manifest, expected);
  // And it reads back.
  auto again = ParseSignatureManifest(image.manifest);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->size(), 1u);
}

TEST(SignSignatureImage, SeveralSignaturesShareOneManifest) {
  std::vector<SignatureLayer> layers(3);
  for (size_t i = 0; i < layers.size(); ++i) {
    layers[i].media_type = std::string(kSimpleSigningMediaType);
    layers[i].digest = Sha256Digest(std::to_string(i));
    layers[i].size = 1;
    layers[i].annotations[std::string(kSignatureAnnotation)] = "c2ln";
  }
  SignatureImage image = BuildSignatureImage(layers);
  auto parsed = ParseSignatureManifest(image.manifest);
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->size(), 3u);
  EXPECT_EQ((*parsed)[2].digest, layers[2].digest);
  EXPECT_NE(image.config.find(layers[0].digest + "\",\"" + layers[1].digest), std::string::npos);
}

TEST(SignSignatureImage, RefusesManifestsThatAreNotSignatureManifests) {
  const std::string bad[] = {
      "",
      "[]",
      R"({"schemaVersion":1,"layers":[]})",
      R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})",
      R"({"schemaVersion":2})",
      R"({"schemaVersion":2,"layers":[7]})",
      R"({"schemaVersion":2,"layers":[{"mediaType":"x","size":1}]})",
      R"({"schemaVersion":2,"layers":[{"mediaType":"x","size":-1,"digest":"sha256:b671489ededd1a180bd87235bba00fd83354f9c7d13b71d9f8b66a8e52965ebc"}]})",
      R"({"schemaVersion":2,"layers":[{"mediaType":"x","size":1,"digest":"sha256:b671489ededd1a180bd87235bba00fd83354f9c7d13b71d9f8b66a8e52965ebc","annotations":{"a":1}}]})",
      R"({"schemaVersion":2,"layers":[{"mediaType":"x","size":1,"digest":"sha256:b671489ededd1a180bd87235bba00fd83354f9c7d13b71d9f8b66a8e52965ebc","annotations":[]}]})",
  };
  for (const std::string& manifest : bad)
    EXPECT_FALSE(ParseSignatureManifest(manifest)) << manifest;
  std::string many = R"({"schemaVersion":2,"layers":[)";
  for (size_t i = 0; i <= kMaxSignatureLayers; ++i) {
    if (i > 0) many += ',';
    many +=
        R"({"mediaType":"x","size":1,"digest":"sha256:b671489ededd1a180bd87235bba00fd83354f9c7d13b71d9f8b66a8e52965ebc"})";
  }
  many += "]}";
  auto limited = ParseSignatureManifest(many);
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().code, ErrorCode::kLimitExceeded);
}

}  // namespace
}  // namespace portcullis::sign
