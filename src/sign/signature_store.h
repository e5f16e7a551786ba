// Where signature images live: the four registry operations signing and verifying need, for one
// repository. The registry client implements it for a remote repository (registry_store.h);
// tests use an in-memory one. An implementation is used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "portcullis/result.h"

namespace portcullis::sign {

class SignatureStore {
 public:
  virtual ~SignatureStore() = default;

  // The manifest tagged `tag`, at most `max_bytes` long; nullopt when the tag does not exist
  // (any other failure is an error).
  virtual Result<std::optional<std::string>> GetManifest(std::string_view tag,
                                                         uint64_t max_bytes) = 0;
  // The blob `digest`, at most `max_bytes` long, as the store returns it: the caller checks
  // its digest.
  virtual Result<std::string> GetBlob(std::string_view digest, uint64_t max_bytes) = 0;
  // Uploads `data` as the blob `digest` (a no-op when the store has it).
  virtual Result<void> PutBlob(std::string_view digest, std::string_view data) = 0;
  // Stores `manifest` (of `media_type`) under `tag`, replacing what the tag pointed to.
  virtual Result<void> PutManifest(std::string_view tag, std::string_view media_type,
                                   std::string_view manifest) = 0;
};

}  // namespace portcullis::sign
