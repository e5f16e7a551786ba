#include "core/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace portcullis {

Result<std::string> ReadFileLimited(const std::string& path, uint64_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    return std::unexpected(Error{err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
                                 std::strerror(err), path});
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return std::unexpected(Error{ErrorCode::kIo, std::strerror(err), path});
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return std::unexpected(Error{ErrorCode::kInvalidArgument, "is a directory", path});
  }
  if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                 fmt::format("file is {} bytes, over the limit of {}",
                                             st.st_size, max_bytes),
                                 path});
  }
  std::string out;
  if (S_ISREG(st.st_mode)) out.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return std::unexpected(Error{ErrorCode::kIo, std::strerror(err), path});
    }
    if (n == 0) break;
    if (out.size() + static_cast<size_t>(n) > max_bytes) {
      ::close(fd);
      return std::unexpected(Error{ErrorCode::kLimitExceeded,
                                   fmt::format("file is over the limit of {} bytes", max_bytes),
                                   path});
    }
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

Result<void> WriteFileAtomic(const std::string& path, std::string_view data) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), tmp});
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return std::unexpected(Error{ErrorCode::kIo, std::strerror(err), tmp});
    }
    off += static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return std::unexpected(Error{ErrorCode::kIo, std::strerror(err), path});
  }
  return {};
}

std::string CacheDir(bool create) {
  std::string base;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home == '/') {
    base = std::string(home) + "/.cache";
  } else {
    return "";
  }
  std::string dir = base + "/portcullis";
  if (create) {
    ::mkdir(base.c_str(), 0700);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return "";
  }
  return dir;
}

}  // namespace portcullis
