// Reading local files under limits. Thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "portcullis/result.h"

namespace portcullis {

// Reads the whole file at `path`. Fails with kLimitExceeded (naming the path and the limit)
// when it is larger than `max_bytes`, kNotFound when it does not exist, kIo otherwise.
Result<std::string> ReadFileLimited(const std::string& path, uint64_t max_bytes);

// Writes `data` to `path` atomically: a new temporary file in the same directory (created
// exclusively, never through a link), then rename over `path`. For files Portcullis owns (its
// cache); a user's output file goes through WriteOutputFile.
Result<void> WriteFileAtomic(const std::string& path, std::string_view data);

// Writes a report to the file a user named with `-o`, never replacing what they did not mean:
// - no such file, or a regular file: written atomically (WriteFileAtomic; an existing file keeps
//   its permission bits), so a reader never sees half a report;
// - a character device or a FIFO (/dev/null, /dev/tty, a named pipe): written through, as a
//   shell redirection would; nothing is created or renamed;
// - a symbolic link: written through only when it leads to a character device or a FIFO
//   (/dev/stdout, /dev/fd/N); a link to anything else is refused (kInvalidArgument), so neither
//   the link nor a file elsewhere is replaced;
// - a directory, a block device, a socket: refused (kInvalidArgument) naming what it is.
Result<void> WriteOutputFile(const std::string& path, std::string_view data);

// Portcullis' cache directory: $XDG_CACHE_HOME/portcullis, else $HOME/.cache/portcullis. Created
// (mode 0700) when `create` is set. Empty when neither variable is set or it cannot be created.
// Nothing else on disk is ever written by a scan.
std::string CacheDir(bool create = true);

}  // namespace portcullis
