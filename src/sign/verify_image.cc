// Verification of an image's signature layers, each check with its own verdict.
#include "sign/verify_image.h"

#include <algorithm>

#include "core/digest.h"
#include "core/strings.h"
#include "sign/base64.h"
#include "sign/payload.h"
#include "sign/signature_image.h"

namespace portcullis::sign {
namespace {

// Checks one simple-signing layer; fills `verdict` and, when it verifies, `payload`.
Result<void> CheckLayer(SignatureStore& store, const PublicKey& key, std::string_view image_digest,
                        const SignatureLayer& layer, LayerVerdict& verdict, std::string& payload) {
  verdict.digest = layer.digest;
  auto annotation = layer.annotations.find(std::string(kSignatureAnnotation));
  if (annotation == layer.annotations.end()) {
    verdict.failure = VerifyFailure::kMalformed;
    verdict.detail = fmt::format("no \"{}\" annotation", kSignatureAnnotation);
    return {};
  }
  auto der = Base64Decode(annotation->second);
  if (!der) {
    verdict.failure = VerifyFailure::kMalformed;
    verdict.detail =
        fmt::format("the signature annotation is not base64 ({})", der.error().message);
    return {};
  }
  if (layer.size > kMaxPayloadBytes) {
    verdict.failure = VerifyFailure::kMalformed;
    verdict.detail =
        fmt::format("payload of {} bytes exceeds the {} byte limit", layer.size, kMaxPayloadBytes);
    return {};
  }
  auto blob = store.GetBlob(layer.digest, kMaxPayloadBytes);
  if (!blob) {
    if (blob.error().code != ErrorCode::kNotFound &&
        blob.error().code != ErrorCode::kDigestMismatch &&
        blob.error().code != ErrorCode::kLimitExceeded) {
      return std::unexpected(blob.error());
    }
    verdict.failure = VerifyFailure::kTampered;
    verdict.detail = fmt::format("the payload blob cannot be read: {}", blob.error().message);
    return {};
  }
  std::string actual = Sha256Digest(*blob);
  if (actual != layer.digest || blob->size() != layer.size) {
    verdict.failure = VerifyFailure::kTampered;
    verdict.detail = fmt::format(
        "tampered payload: its bytes hash to {} ({} bytes), the signature layer names {} ({} "
        "bytes)",
        actual, blob->size(), layer.digest, layer.size);
    return {};
  }
  switch (key.Verify(*blob, *der)) {
    case SignatureCheck::kMalformed:
      verdict.failure = VerifyFailure::kMalformed;
      verdict.detail = "the signature annotation is not a DER ECDSA signature";
      return {};
    case SignatureCheck::kInvalid:
      verdict.failure = VerifyFailure::kWrongKey;
      verdict.detail =
          "the signature does not verify with this key (signed with another key, or the payload "
          "or signature was altered)";
      return {};
    case SignatureCheck::kValid:
      break;
  }
  // Only now, with the signature checked over the stored bytes, are the bytes read.
  auto parsed = ParseSimpleSigningPayload(*blob);
  if (!parsed) {
    verdict.failure = VerifyFailure::kMalformed;
    verdict.detail = fmt::format("signed, but not a cosign payload: {}", parsed.error().message);
    return {};
  }
  if (parsed->manifest_digest != image_digest) {
    verdict.failure = VerifyFailure::kWrongImage;
    verdict.detail = fmt::format(
        "signed by this key for another image: the payload's docker-manifest-digest is {}, the "
        "image is {}",
        parsed->manifest_digest, image_digest);
    return {};
  }
  verdict.failure = VerifyFailure::kNone;
  verdict.detail =
      fmt::format("verified (docker-reference {})", Excerpt(parsed->docker_reference, 200));
  payload = std::move(*blob);
  return {};
}

}  // namespace

std::string_view VerifyFailureName(VerifyFailure failure) {
  switch (failure) {
    case VerifyFailure::kNone:
      return "none";
    case VerifyFailure::kNoSignatures:
      return "no_signatures";
    case VerifyFailure::kWrongKey:
      return "wrong_key";
    case VerifyFailure::kMalformed:
      return "malformed";
    case VerifyFailure::kTampered:
      return "tampered";
    case VerifyFailure::kWrongImage:
      return "wrong_image";
  }
  return "unknown";
}

Result<Verification> VerifyImage(SignatureStore& store, const PublicKey& key,
                                 std::string_view image_digest) {
  Verification result;
  auto parsed_digest = ParseDigest(image_digest);
  if (!parsed_digest || parsed_digest->algorithm != "sha256") {
    return Fail(ErrorCode::kInvalidArgument, "not a sha256 image digest: {}",
                Excerpt(image_digest, 100));
  }
  result.tag = PC_TRY(SignatureTag(image_digest));
  auto manifest = store.GetManifest(result.tag, kMaxSignatureManifestBytes);
  if (!manifest) return std::unexpected(manifest.error());
  if (!manifest->has_value()) {
    result.failure = VerifyFailure::kNoSignatures;
    result.message = fmt::format("no signatures: the image {} has no signature tag {}",
                                 image_digest, result.tag);
    return result;
  }
  auto layers = ParseSignatureManifest(**manifest);
  if (!layers) {
    result.failure = VerifyFailure::kMalformed;
    result.message =
        fmt::format("malformed signature manifest at {}: {}", result.tag, layers.error().message);
    return result;
  }
  for (const SignatureLayer& layer : *layers) {
    if (layer.media_type != kSimpleSigningMediaType) continue;
    LayerVerdict verdict;
    std::string payload;
    PC_TRY_VOID(CheckLayer(store, key, image_digest, layer, verdict, payload));
    if (verdict.failure == VerifyFailure::kNone) {
      result.verified = true;
      result.payloads.push_back(std::move(payload));
    }
    result.layers.push_back(std::move(verdict));
  }
  if (result.layers.empty()) {
    result.failure = VerifyFailure::kNoSignatures;
    result.message =
        fmt::format("no signatures: {} holds no {} layer", result.tag, kSimpleSigningMediaType);
    return result;
  }
  if (result.verified) {
    result.message = fmt::format("verified: {} of {} signature(s) at {} verify with the key",
                                 result.payloads.size(), result.layers.size(), result.tag);
    return result;
  }
  auto worst = std::max_element(
      result.layers.begin(), result.layers.end(),
      [](const LayerVerdict& a, const LayerVerdict& b) { return a.failure < b.failure; });
  result.failure = worst->failure;
  std::string_view headline;
  switch (result.failure) {
    case VerifyFailure::kWrongKey:
      headline = "no signature by this key";
      break;
    case VerifyFailure::kMalformed:
      headline = "malformed signature";
      break;
    case VerifyFailure::kTampered:
      headline = "tampered signature payload";
      break;
    case VerifyFailure::kWrongImage:
      headline = "signature is for another image";
      break;
    default:
      headline = "not verified";
      break;
  }
  result.message = fmt::format("{}: none of the {} signature(s) at {} verifies; {}: {}", headline,
                               result.layers.size(), result.tag, worst->digest, worst->detail);
  return result;
}

}  // namespace portcullis::sign
