// Signing and verifying images in a registry by reference, the operations behind
// `portcullis sign`, `portcullis verify` and `portcullis image --verify-key`: resolve the
// reference to its manifest digest, then sign_image.h / verify_image.h against the image's
// repository. Main thread (or one thread per call).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "portcullis/registry_options.h"
#include "portcullis/result.h"
#include "sign/keys.h"
#include "sign/sign_image.h"
#include "sign/verify_image.h"

namespace portcullis::sign {

// An image reference resolved to the manifest it names now.
struct ResolvedImage {
  std::string registry;          // "127.0.0.1:5000", "docker.io"
  std::string repository;        // "test/app"
  std::string digest;            // "sha256:<hex>" of the manifest (or index)
  std::string docker_reference;  // cosign's identity: "index.docker.io/library/alpine", ...
  // "registry/repository@digest": the image that was checked, to scan exactly that one.
  std::string Pinned() const { return registry + "/" + repository + "@" + digest; }
};

// Resolves `reference` ([registry:][registry/]repository[:tag|@digest]). A digest in the
// reference is used as is (and must exist); a tag is resolved by the registry.
Result<ResolvedImage> ResolveImage(std::string_view reference, const RegistryOptions& options);

// Signs the image `reference` names with `key` and pushes the signature (see sign_image.h).
Result<SignOutcome> SignRemoteImage(std::string_view reference, const PrivateKey& key,
                                    const std::map<std::string, std::string>& annotations,
                                    const RegistryOptions& options, ResolvedImage* resolved);

// Verifies the image `reference` names against `key` (see verify_image.h). `resolved` (when
// given) receives what the reference resolved to, also when verification fails.
Result<Verification> VerifyRemoteImage(std::string_view reference, const PublicKey& key,
                                       const RegistryOptions& options, ResolvedImage* resolved);

}  // namespace portcullis::sign
