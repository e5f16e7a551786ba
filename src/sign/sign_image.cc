// Signing: payload, signature, and the append to the signature image.
#include "sign/sign_image.h"

#include <vector>

#include "core/digest.h"
#include "sign/base64.h"
#include "sign/payload.h"
#include "sign/signature_image.h"

namespace portcullis::sign {

Result<SignOutcome> SignImage(SignatureStore& store, const PrivateKey& key,
                              const SignRequest& request) {
  SignOutcome outcome;
  outcome.tag = PC_TRY(SignatureTag(request.image_digest));
  outcome.payload =
      MakeSimpleSigningPayload(request.docker_reference, request.image_digest, request.annotations);
  std::string payload_digest = Sha256Digest(outcome.payload);

  std::vector<SignatureLayer> layers;
  auto existing = store.GetManifest(outcome.tag, kMaxSignatureManifestBytes);
  if (!existing) return std::unexpected(existing.error());
  if (existing->has_value()) {
    auto parsed = ParseSignatureManifest(**existing);
    if (!parsed) {
      return Fail(ErrorCode::kCorrupt,
                  "tag {} exists but is not a signature manifest ({}); not overwriting it",
                  outcome.tag, parsed.error().message);
    }
    layers = std::move(*parsed);
  }
  PublicKey public_key = key.Public();
  for (const SignatureLayer& layer : layers) {
    if (layer.digest != payload_digest || layer.media_type != kSimpleSigningMediaType) continue;
    auto it = layer.annotations.find(std::string(kSignatureAnnotation));
    if (it == layer.annotations.end()) continue;
    auto der = Base64Decode(it->second);
    if (der && public_key.Verify(outcome.payload, *der) == SignatureCheck::kValid) {
      outcome.signature = it->second;
      outcome.signatures = layers.size();
      outcome.already_signed = true;
      return outcome;
    }
  }
  if (layers.size() >= kMaxSignatureLayers) {
    return Fail(ErrorCode::kLimitExceeded, "tag {} already holds {} signatures", outcome.tag,
                layers.size());
  }

  std::string der = PC_TRY(key.Sign(outcome.payload));
  outcome.signature = Base64Encode(der);
  SignatureLayer layer;
  layer.media_type = std::string(kSimpleSigningMediaType);
  layer.digest = payload_digest;
  layer.size = outcome.payload.size();
  layer.annotations[std::string(kSignatureAnnotation)] = outcome.signature;
  layers.push_back(std::move(layer));

  SignatureImage image = BuildSignatureImage(layers);
  PC_TRY_VOID(store.PutBlob(payload_digest, outcome.payload));
  PC_TRY_VOID(store.PutBlob(image.config_digest, image.config));
  PC_TRY_VOID(store.PutManifest(outcome.tag, kOciManifestMediaType, image.manifest));
  outcome.signatures = layers.size();
  return outcome;
}

}  // namespace portcullis::sign
