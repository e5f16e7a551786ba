// TarIndex: random access to the members of an uncompressed tar file (a `docker save`
// archive or an OCI layout packed as a tar) without extracting it. Reads only the headers;
// member contents are then streamed straight from their offsets in the file.
//
// Build once with Open(); afterwards the index is immutable and Open*() may be called from any
// thread (streams use pread on a shared descriptor).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "layer/byte_stream.h"
#include "portcullis/limits.h"

namespace portcullis {

class TarIndex {
 public:
  struct Member {
    uint64_t offset = 0;  // of the content in the tar file
    uint64_t size = 0;
    char type = '0';      // '0' file, '2' symlink, '1' hardlink, '5' directory
    std::string link;     // target for symlinks and hardlinks
  };

  // Indexes the tar file at `path`. Fails with kCorrupt (naming the offset) on a bad header,
  // a checksum mismatch or a truncated member; kUnsupported when the file is compressed.
  static Result<TarIndex> Open(const std::string& path, const Limits& limits);

  // The member named `name` (normalised like a tar entry path), following symlinks and
  // hardlinks inside the archive (bounded). nullptr when absent or not a regular file.
  const Member* Find(std::string_view name) const;

  // Streams the content of the member named `name`; kNotFound when it is absent.
  Result<std::unique_ptr<ByteStream>> OpenMember(std::string_view name) const;

  // Reads a small member whole (manifests, configs).
  Result<std::string> ReadMember(std::string_view name, uint64_t max_bytes) const;

  const std::string& path() const { return path_; }
  const std::map<std::string, Member, std::less<>>& members() const { return members_; }

 private:
  std::string path_;
  std::shared_ptr<const int> fd_;
  std::map<std::string, Member, std::less<>> members_;
  uint64_t max_symlink_hops_ = 40;
};

}  // namespace portcullis
