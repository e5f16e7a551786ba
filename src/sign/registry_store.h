// RegistryStore: the SignatureStore of one repository in an OCI Distribution registry, over
// the registry client (src/source/registry/client.h). Signature tags and payload blobs live in
// the repository of the image they sign, as cosign stores them. One thread at a time.
#pragma once

#include <string>

#include "sign/signature_store.h"
#include "source/registry/client.h"

namespace portcullis::sign {

class RegistryStore : public SignatureStore {
 public:
  // `client` must outlive the store.
  RegistryStore(registry::RegistryClient& client, std::string repository)
      : client_(client), repository_(std::move(repository)) {}

  // A missing tag (kNotFound) is nullopt; the registry's other answers are errors.
  Result<std::optional<std::string>> GetManifest(std::string_view tag, uint64_t max_bytes) override;
  // The blob's bytes as served, up to max_bytes (kLimitExceeded past it); not digest-checked
  // here: the verifier checks and classifies a mismatch itself.
  Result<std::string> GetBlob(std::string_view digest, uint64_t max_bytes) override;
  // Uploads and checks that the registry stored it under `digest`.
  Result<void> PutBlob(std::string_view digest, std::string_view data) override;
  Result<void> PutManifest(std::string_view tag, std::string_view media_type,
                           std::string_view manifest) override;

 private:
  registry::RegistryClient& client_;
  std::string repository_;
};

}  // namespace portcullis::sign
