// BlobCache: a content-addressed cache of registry blobs on disk (DIR/sha256/<hex>), so a second
// scan of an unchanged image downloads only its manifest. A blob enters the cache only after
// its bytes hashed to its digest (written to a temporary file while the scan streams it, then
// renamed into place); reads touch the file's modification time, and the cache is trimmed to
// its size limit least recently used first. Best effort: a full disk or an unwritable directory
// never fails a scan, it only means no caching.
//
// Thread-safe: several layers may be read and written at once, by one process or several.
#pragma once

#include <memory>
#include <string>

#include "layer/byte_stream.h"

namespace portcullis::registry {

class BlobCache {
 public:
  // `dir` is created (0700) on the first write.
  BlobCache(std::string dir, uint64_t max_bytes);

  const std::string& dir() const { return dir_; }

  // The cached blob `digest` ("sha256:<hex>") as a stream, or nullptr when it is not cached.
  // The caller verifies the digest while reading (the cache is not trusted more than the
  // network).
  std::unique_ptr<ByteStream> Open(const std::string& digest) const;

  // Passes `inner` through and keeps a copy; when the stream ends and the copy hashes to
  // `digest`, it is added to the cache and the cache trimmed.
  std::unique_ptr<ByteStream> Tee(std::unique_ptr<ByteStream> inner, const std::string& digest);

  // Adds small content already in memory (a manifest) under its digest.
  void Put(const std::string& digest, std::string_view content);

  // Deletes least recently used blobs until the cache holds at most max_bytes.
  void Trim() const;

  // The default directory: $XDG_CACHE_HOME/portcullis/blobs ("" when there is no cache dir).
  static std::string DefaultDir();

 private:
  friend class TeeStream;
  std::string PathOf(const std::string& digest) const;
  bool EnsureDir() const;

  std::string dir_;
  uint64_t max_bytes_;
};

}  // namespace portcullis::registry
