// Reading local files under limits. Thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "portcullis/result.h"

namespace portcullis {

// Reads the whole file at `path`. Fails with kLimitExceeded (naming the path and the limit)
// when it is larger than `max_bytes`, kNotFound when it does not exist, kIo otherwise.
Result<std::string> ReadFileLimited(const std::string& path, uint64_t max_bytes);

// Writes `data` to `path` atomically: a temporary file in the same directory, then rename.
Result<void> WriteFileAtomic(const std::string& path, std::string_view data);

// Portcullis' cache directory: $XDG_CACHE_HOME/portcullis, else $HOME/.cache/portcullis. Created
// (mode 0700) when `create` is set. Empty when neither variable is set or it cannot be created.
// Nothing else on disk is ever written by a scan.
std::string CacheDir(bool create = true);

}  // namespace portcullis
