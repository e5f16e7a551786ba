// Signing an image as `cosign sign --key` does: make the simple-signing payload for the image's
// manifest digest, sign it, and add it as one layer to the signature image tagged
// "sha256-<hex>.sig" next to the image (other signatures in that image are kept). Called from
// one thread at a time per store.
#pragma once

#include <map>
#include <string>

#include "portcullis/result.h"
#include "sign/keys.h"
#include "sign/signature_store.h"

namespace portcullis::sign {

struct SignRequest {
  std::string docker_reference;  // "registry/repository" (cosign: the repository's full name)
  std::string image_digest;      // "sha256:<hex>" of the image manifest being signed
  std::map<std::string, std::string> annotations;  // the payload's "optional" claims
};

struct SignOutcome {
  std::string tag;              // "sha256-<hex>.sig"
  std::string payload;          // the signed bytes
  std::string signature;        // base64 DER, as stored in the annotation
  size_t signatures = 0;        // layers of the signature image after this one was added
  bool already_signed = false;  // the same payload was already signed by this key: nothing pushed
};

// Signs and pushes. Blobs go first (payload, then config), the manifest last, so the tag never
// names missing blobs. As cosign, a layer with the same payload whose signature verifies with
// this key counts as done (already_signed, nothing written). Fails without writing anything
// when the tag holds something that is not a signature manifest.
Result<SignOutcome> SignImage(SignatureStore& store, const PrivateKey& key,
                              const SignRequest& request);

}  // namespace portcullis::sign
