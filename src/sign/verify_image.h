// Verifying an image's cosign signatures against one public key, failing closed. The image is
// trusted when at least one layer of its signature image (tag "sha256-<hex>.sig") holds a
// payload that (1) hashes to the digest its layer names, (2) carries a well-formed signature
// that verifies with the key over those stored bytes, and (3) is a cosign simple-signing
// payload whose docker-manifest-digest is the image's digest. Called from one thread at a time
// per store.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "portcullis/result.h"
#include "sign/keys.h"
#include "sign/signature_store.h"

namespace portcullis::sign {

// Why an image (or one signature layer) did not verify. Ordered: when no layer verifies, the
// image's reason is the highest one any layer has.
enum class VerifyFailure {
  kNone = 0,
  kNoSignatures,  // no signature tag, or no simple-signing layer in it
  kWrongKey,      // signatures are there but none verifies with this key
  kMalformed,     // missing or undecodable signature annotation, or a payload not cosign's
  kTampered,      // a payload blob does not hash to (or is not the size) its layer names
  kWrongImage,    // a valid signature by this key, but for another image digest
};

// Stable lower-case name ("wrong_key", ...).
std::string_view VerifyFailureName(VerifyFailure failure);

struct LayerVerdict {
  std::string digest;  // the layer's payload digest
  VerifyFailure failure = VerifyFailure::kNone;
  std::string detail;  // one sentence for kNone too ("verified")
};

struct Verification {
  bool verified = false;
  VerifyFailure failure = VerifyFailure::kNone;
  std::string message;                // one line saying why (or what) for the user
  std::string tag;                    // the signature tag looked at
  std::vector<std::string> payloads;  // the verified payloads, as stored
  std::vector<LayerVerdict> layers;   // one per simple-signing layer
};

// Verifies the image whose manifest digest is `image_digest`. A store error (network, limits)
// is returned as an error; everything about the signatures themselves is in the Verification.
Result<Verification> VerifyImage(SignatureStore& store, const PublicKey& key,
                                 std::string_view image_digest);

}  // namespace portcullis::sign
