// LayoutFiles: read access to the files of an image layout, whether it is a directory or a
// tar archive (docker-archive, OCI archive). Internal to src/source/. Immutable after creation;
// Open/Read may be called from any thread.
#pragma once

#include <memory>
#include <string>

#include "layer/byte_stream.h"
#include "portcullis/limits.h"
#include "source/tar_index.h"

namespace portcullis::source_internal {

class LayoutFiles {
 public:
  virtual ~LayoutFiles() = default;
  // Streams the file at `rel` (a relative path inside the layout). kNotFound when absent.
  [[nodiscard]] virtual Result<std::unique_ptr<ByteStream>> Open(std::string_view rel) const = 0;
  [[nodiscard]] virtual bool Exists(std::string_view rel) const = 0;
  // "<layout>:<rel>" for messages.
  virtual std::string Describe(std::string_view rel) const = 0;

  // Reads a small file whole; kLimitExceeded past `max_bytes`.
  [[nodiscard]] Result<std::string> Read(std::string_view rel, uint64_t max_bytes) const;
};

// Files of a directory. Only regular files are opened (a FIFO or device planted in a layout
// cannot block or leak).
std::unique_ptr<LayoutFiles> DirFiles(std::string root);

// Members of an indexed tar archive.
std::unique_ptr<LayoutFiles> TarFiles(std::shared_ptr<const TarIndex> index);

}  // namespace portcullis::source_internal
