// Signature storage in a registry repository.
#include "sign/registry_store.h"

#include <vector>

namespace portcullis::sign {

Result<std::optional<std::string>> RegistryStore::GetManifest(std::string_view tag,
                                                              uint64_t max_bytes) {
  auto manifest = client_.GetManifest(repository_, std::string(tag));
  if (!manifest) {
    if (manifest.error().code == ErrorCode::kNotFound) return std::optional<std::string>();
    return std::unexpected(manifest.error());
  }
  if (manifest->content.size() > max_bytes) {
    return Fail(ErrorCode::kLimitExceeded, "manifest {} is {} bytes, more than {}", tag,
                manifest->content.size(), max_bytes);
  }
  return std::optional<std::string>(std::move(manifest->content));
}

Result<std::string> RegistryStore::GetBlob(std::string_view digest, uint64_t max_bytes) {
  auto stream = client_.OpenBlob(repository_, std::string(digest), -1);
  if (!stream) return std::unexpected(stream.error());
  std::string data;
  std::vector<uint8_t> buffer(64 * 1024);
  for (;;) {
    size_t n = PC_TRY((*stream)->Read(buffer.data(), buffer.size()));
    if (n == 0) break;
    if (data.size() + n > max_bytes) {
      return Fail(ErrorCode::kLimitExceeded, "blob {} is larger than {} bytes", digest, max_bytes);
    }
    data.append(reinterpret_cast<const char*>(buffer.data()), n);
  }
  return data;
}

Result<void> RegistryStore::PutBlob(std::string_view digest, std::string_view data) {
  std::string pushed = PC_TRY(client_.PutBlob(repository_, data));
  if (pushed != digest) {
    return Fail(ErrorCode::kDigestMismatch, "pushed blob {} but the registry stored {}", digest,
                pushed);
  }
  return {};
}

Result<void> RegistryStore::PutManifest(std::string_view tag, std::string_view media_type,
                                        std::string_view manifest) {
  PC_TRY(client_.PutManifest(repository_, std::string(tag), media_type, manifest));
  return {};
}

}  // namespace portcullis::sign
