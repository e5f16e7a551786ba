// The layer walker: turns a (decompressed) tar stream into a sequence of entries, with the
// content of each delivered as a stream of blocks. Paths are normalised and never trusted:
// an entry whose path escapes the root is reported as a diagnostic and skipped. OCI
// whiteouts are recognised here. Sizes and counts are bounded by Limits.
//
// One walk belongs to one thread. Different layers may be walked on different threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "layer/byte_stream.h"
#include "portcullis/limits.h"
#include "portcullis/model/finding.h"

namespace portcullis {

enum class EntryType : uint8_t {
  kFile,
  kDir,
  kSymlink,
  kHardlink,
  kCharDevice,
  kBlockDevice,
  kFifo,
  kWhiteout,    // `.wh.NAME`: `path` is the deleted DIR/NAME
  kOpaqueDir,   // `.wh..wh..opq`: `path` is the directory whose lower-layer content is hidden
};

std::string_view EntryTypeName(EntryType t);

struct TarEntry {
  std::string path;         // normalised: relative to the root, no "./", "..", "//" or trailing "/"
  EntryType type = EntryType::kFile;
  uint32_t mode = 0;        // permission bits incl. setuid/setgid/sticky (07777)
  int64_t uid = 0;
  int64_t gid = 0;
  uint64_t size = 0;        // content bytes (regular files only)
  std::string link_target;  // symlink target as stored; hardlink target normalised like `path`
  int64_t mtime = 0;
};

// Pulls the content of the current entry. Blocks are views valid until the next call;
// an empty block means the entry's content is complete. Unread content is skipped.
class EntryReader {
 public:
  virtual ~EntryReader() = default;
  [[nodiscard]] virtual Result<std::span<const uint8_t>> NextBlock() = 0;
};

// Called once per entry, in archive order. Returning an error stops the walk with it.
using EntryCallback = std::function<Result<void>(const TarEntry&, EntryReader&)>;

struct WalkStats {
  uint64_t entries = 0;
  uint64_t bytes = 0;  // uncompressed tar bytes read
};

// Shared across the layers of one image to enforce Limits::max_image_bytes.
struct ByteBudget {
  std::atomic<uint64_t> used{0};
};

// Normalises a tar entry path. Returns nullopt when it escapes the root ("../x", "a/../../x").
// "" means the root itself.
std::optional<std::string> NormalizeEntryPath(std::string_view raw);

// Walks the tar in `stream` (already decompressed). `name` names the layer in errors and
// diagnostics. Hostile entries (escaping paths, over-long paths) become diagnostics in
// `diagnostics` and are skipped; a truncated or corrupt archive, or a limit exceeded, fails
// the walk. `budget` (optional) is charged with every byte read. `on_bytes` (optional) is told
// how many bytes each read brought, for progress.
[[nodiscard]] Result<WalkStats> WalkTar(ByteStream& stream, std::string_view name,
                                        const Limits& limits, const EntryCallback& callback,
                                        std::vector<Diagnostic>& diagnostics,
                                        ByteBudget* budget = nullptr,
                                        const std::function<void(uint64_t)>& on_bytes = {});

}  // namespace portcullis
