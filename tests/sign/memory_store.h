// Test support: an in-memory SignatureStore (one repository's tags and blobs) that tests can
// inspect and corrupt. One test thread at a time.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "sign/signature_store.h"

namespace portcullis::sign::testing {

class MemoryStore : public SignatureStore {
 public:
  Result<std::optional<std::string>> GetManifest(std::string_view tag,
                                                 uint64_t max_bytes) override {
    auto it = manifests.find(std::string(tag));
    if (it == manifests.end()) return std::optional<std::string>();
    if (it->second.size() > max_bytes) return Fail(ErrorCode::kLimitExceeded, "manifest too big");
    return std::optional<std::string>(it->second);
  }
  Result<std::string> GetBlob(std::string_view digest, uint64_t max_bytes) override {
    auto it = blobs.find(std::string(digest));
    if (it == blobs.end()) return Fail(ErrorCode::kNotFound, "blob {} not found", digest);
    if (it->second.size() > max_bytes) return Fail(ErrorCode::kLimitExceeded, "blob too big");
    return it->second;
  }
  Result<void> PutBlob(std::string_view digest, std::string_view data) override {
    blobs[std::string(digest)] = std::string(data);
    return {};
  }
  Result<void> PutManifest(std::string_view tag, std::string_view media_type,
                           std::string_view manifest) override {
    manifests[std::string(tag)] = std::string(manifest);
    media_types[std::string(tag)] = std::string(media_type);
    return {};
  }

  std::map<std::string, std::string> manifests;  // tag -> manifest
  std::map<std::string, std::string> media_types;
  std::map<std::string, std::string> blobs;  // digest -> bytes (not checked: tests tamper)
};

}  // namespace portcullis::sign::testing
