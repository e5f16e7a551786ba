// Signing and verifying against an in-memory store: the happy path, several signatures on one
// tag, and each way verification must fail closed with its own reason.
#include <gtest/gtest.h>

#include "core/digest.h"
#include "sign/base64.h"
#include "sign/memory_store.h"  // tests/sign
#include "sign/payload.h"
#include "sign/sign_image.h"
#include "sign/signature_image.h"
#include "sign/verify_image.h"

namespace portcullis::sign {
namespace {

using testing::MemoryStore;

const std::string kImage = Sha256Digest("image manifest A");
const std::string kOther = Sha256Digest("image manifest B");
constexpr std::string_view kRepo = "127.0.0.1:5000/test/app";

class SignVerify : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = PrivateKey::Generate();
    auto b = PrivateKey::Generate();
    ASSERT_TRUE(a && b);
    key_.emplace(std::move(*a));
    other_.emplace(std::move(*b));
  }

  SignOutcome Sign(const PrivateKey& key, const std::string& digest = kImage) {
    auto outcome = SignImage(store_, key, {std::string(kRepo), digest, {}});
    EXPECT_TRUE(outcome) << outcome.error().ToString();
    return outcome ? *outcome : SignOutcome{};
  }

  Verification Verify(const PublicKey& key, const std::string& digest = kImage) {
    auto result = VerifyImage(store_, key, digest);
    EXPECT_TRUE(result) << result.error().ToString();
    return result ? *result : Verification{};
  }

  std::vector<SignatureLayer> Layers(const std::string& digest = kImage) {
    auto layers = ParseSignatureManifest(store_.manifests.at(*SignatureTag(digest)));
    EXPECT_TRUE(layers);
    return layers ? *layers : std::vector<SignatureLayer>{};
  }

  // Replaces the signature image of `digest` by one with `layers` (blobs must be in the store).
  void Rewrite(const std::vector<SignatureLayer>& layers, const std::string& digest = kImage) {
    SignatureImage image = BuildSignatureImage(layers);
    store_.blobs[image.config_digest] = image.config;
    store_.manifests[*SignatureTag(digest)] = image.manifest;
  }

  MemoryStore store_;
  std::optional<PrivateKey> key_;
  std::optional<PrivateKey> other_;
};

TEST_F(SignVerify, SignedImageVerifiesOverTheStoredPayload) {
  SignOutcome signed_ = Sign(*key_);
  EXPECT_EQ(signed_.tag, "sha256-" + kImage.substr(7) + ".sig");
  EXPECT_EQ(signed_.payload, MakeSimpleSigningPayload(kRepo, kImage));
  EXPECT_EQ(signed_.signatures, 1u);
  EXPECT_EQ(store_.media_types.at(signed_.tag), kOciManifestMediaType);
  EXPECT_EQ(store_.blobs.at(Sha256Digest(signed_.payload)), signed_.payload);

  Verification result = Verify(key_->Public());
  EXPECT_TRUE(result.verified) << result.message;
  EXPECT_EQ(result.failure, VerifyFailure::kNone);
  ASSERT_EQ(result.payloads.size(), 1u);
  EXPECT_EQ(result.payloads[0], signed_.payload);
  EXPECT_NE(result.message.find("verified"), std::string::npos);
}

TEST_F(SignVerify, SeveralSignersShareTheTagAndEachVerifies) {
  Sign(*key_);
  SignOutcome second = Sign(*other_);
  EXPECT_EQ(second.signatures, 2u);
  EXPECT_EQ(Layers().size(), 2u);
  EXPECT_TRUE(Verify(key_->Public()).verified);
  EXPECT_TRUE(Verify(other_->Public()).verified);
  // Signing the same payload with the same key again adds nothing.
  SignOutcome again = Sign(*key_);
  EXPECT_TRUE(again.already_signed);
  EXPECT_EQ(Layers().size(), 2u);
  // A third key verifies none of them.
  auto third = PrivateKey::Generate();
  ASSERT_TRUE(third);
  Verification result = Verify(third->Public());
  EXPECT_FALSE(result.verified);
  EXPECT_EQ(result.failure, VerifyFailure::kWrongKey);
  EXPECT_EQ(result.layers.size(), 2u);
}

TEST_F(SignVerify, UnsignedImageHasNoSignatures) {
  Verification result = Verify(key_->Public());
  EXPECT_FALSE(result.verified);
  EXPECT_EQ(result.failure, VerifyFailure::kNoSignatures);
  EXPECT_NE(result.message.find("no signatures"), std::string::npos) << result.message;
  // A tag with no simple-signing layer is no better.
  SignatureLayer layer;
  layer.media_type = "application/vnd.oci.image.layer.v1.tar";
  layer.digest = Sha256Digest("x");
  layer.size = 1;
  Rewrite({layer});
  EXPECT_EQ(Verify(key_->Public()).failure, VerifyFailure::kNoSignatures);
}

TEST_F(SignVerify, AnotherKeyFails) {
  Sign(*key_);
  Verification result = Verify(other_->Public());
  EXPECT_FALSE(result.verified);
  EXPECT_EQ(result.failure, VerifyFailure::kWrongKey);
  EXPECT_NE(result.message.find("no signature by this key"), std::string::npos) << result.message;
}

TEST_F(SignVerify, SignatureCopiedToAnotherImageFails) {
  // Another image is pushed to the tag and the old signature manifest copied to its .sig tag.
  Sign(*key_);
  store_.manifests[*SignatureTag(kOther)] = store_.manifests.at(*SignatureTag(kImage));
  Verification result = Verify(key_->Public(), kOther);
  EXPECT_FALSE(result.verified);
  EXPECT_EQ(result.failure, VerifyFailure::kWrongImage);
  EXPECT_NE(result.message.find("another image"), std::string::npos) << result.message;
  EXPECT_NE(result.message.find(kImage), std::string::npos) << result.message;
  // Without the copy, the other image is simply unsigned.
  EXPECT_EQ(Verify(key_->Public(), Sha256Digest("image C")).failure, VerifyFailure::kNoSignatures);
}

TEST_F(SignVerify, PayloadBytesChangedUnderTheirDigestAreTampered) {
  SignOutcome signed_ = Sign(*key_);
  std::string& blob = store_.blobs.at(Sha256Digest(signed_.payload));
  blob.replace(blob.find(kImage), kImage.size(), kOther);  // same size, other image
  Verification result = Verify(key_->Public());
  EXPECT_FALSE(result.verified);
  EXPECT_EQ(result.failure, VerifyFailure::kTampered);
  EXPECT_NE(result.message.find("tampered"), std::string::npos) << result.message;
  // Verification read the stored bytes: it would not have verified the edited digest either.
  EXPECT_EQ(Verify(key_->Public(), kOther).failure, VerifyFailure::kNoSignatures);
  // A missing payload blob is tampering too, and so is a size that does not match.
  store_.blobs.erase(Sha256Digest(signed_.payload));
  EXPECT_EQ(Verify(key_->Public()).failure, VerifyFailure::kTampered);
}

TEST_F(SignVerify, EditedPayloadPushedAsANewBlobDoesNotVerify) {
  SignOutcome signed_ = Sign(*key_);
  std::vector<SignatureLayer> layers = Layers();
  std::string edited = MakeSimpleSigningPayload(kRepo, kImage, {{"approved", "yes"}});
  store_.blobs[Sha256Digest(edited)] = edited;
  layers[0].digest = Sha256Digest(edited);
  layers[0].size = edited.size();
  Rewrite(layers);
  Verification result = Verify(key_->Public());
  EXPECT_FALSE(result.verified);
  EXPECT_EQ(result.failure, VerifyFailure::kWrongKey);
  EXPECT_NE(result.message.find("altered"), std::string::npos) << result.message;
}

TEST_F(SignVerify, MalformedAnnotationsFail) {
  SignOutcome signed_ = Sign(*key_);
  const std::string key(kSignatureAnnotation);
  std::vector<SignatureLayer> original = Layers();
  const std::pair<std::string, std::optional<std::string>> cases[] = {
      {"missing", std::nullopt},
      {"not base64", std::string("not base64!")},
      {"not DER", Base64Encode("0123456789")},
      {"empty", std::string()},
  };
  for (const auto& [name, value] : cases) {
    std::vector<SignatureLayer> layers = original;
    if (value) {
      layers[0].annotations[key] = *value;
    } else {
      layers[0].annotations.erase(key);
    }
    Rewrite(layers);
    Verification result = Verify(key_->Public());
    EXPECT_FALSE(result.verified) << name;
    EXPECT_EQ(result.failure, VerifyFailure::kMalformed) << name << ": " << result.message;
    EXPECT_NE(result.message.find("malformed"), std::string::npos) << result.message;
  }
  // A malformed signature manifest.
  store_.manifests[signed_.tag] = "{\"schemaVersion\":2}";
  EXPECT_EQ(Verify(key_->Public()).failure, VerifyFailure::kMalformed);
}

TEST_F(SignVerify, ValidSignatureOverANonCosignPayloadFails) {
  std::string payload = R"({"critical":{"type":"atomic container signature"}})";
  auto sig = key_->Sign(payload);
  ASSERT_TRUE(sig);
  store_.blobs[Sha256Digest(payload)] = payload;
  SignatureLayer layer;
  layer.media_type = std::string(kSimpleSigningMediaType);
  layer.digest = Sha256Digest(payload);
  layer.size = payload.size();
  layer.annotations[std::string(kSignatureAnnotation)] = Base64Encode(*sig);
  Rewrite({layer});
  Verification result = Verify(key_->Public());
  EXPECT_FALSE(result.verified);
  EXPECT_EQ(result.failure, VerifyFailure::kMalformed);
}

TEST_F(SignVerify, OneGoodSignatureAmongBadOnesVerifies) {
  Sign(*other_);
  Sign(*key_);
  std::vector<SignatureLayer> layers = Layers();
  layers[0].annotations.erase(std::string(kSignatureAnnotation));
  Rewrite(layers);
  Verification result = Verify(key_->Public());
  EXPECT_TRUE(result.verified) << result.message;
  EXPECT_EQ(result.layers.size(), 2u);
  EXPECT_EQ(result.layers[0].failure, VerifyFailure::kMalformed);
}

TEST_F(SignVerify, SigningRefusesToOverwriteSomethingElseAtTheTag) {
  store_.manifests[*SignatureTag(kImage)] = R"({"schemaVersion":2,"manifests":[]})";
  auto outcome = SignImage(store_, *key_, {std::string(kRepo), kImage, {}});
  EXPECT_FALSE(outcome);
  EXPECT_EQ(store_.manifests.at(*SignatureTag(kImage)), R"({"schemaVersion":2,"manifests":[]})");
  EXPECT_FALSE(SignImage(store_, *key_, {std::string(kRepo), "latest", {}}));
  EXPECT_FALSE(VerifyImage(store_, key_->Public(), "latest"));
}

}  // namespace
}  // namespace portcullis::sign
