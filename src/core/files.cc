#include "core/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

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

namespace {

// Writes all of `data` to `fd`, retrying short writes and EINTR.
Result<void> WriteAll(int fd, std::string_view data, const std::string& path) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), path});
    }
    off += static_cast<size_t>(n);
  }
  return {};
}

Result<void> WriteAtomic(const std::string& path, std::string_view data, mode_t mode) {
  // mkstemp: an unpredictable name, created with O_EXCL, so a link planted in the directory is
  // never written through.
  std::string tmp = path + ".tmp.XXXXXX";
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), path});
  auto written = WriteAll(fd, data, tmp);
  if (written && ::fchmod(fd, mode) != 0) {
    written = std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), tmp});
  }
  if (::close(fd) != 0 && written) {
    written = std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), tmp});
  }
  if (written && ::rename(tmp.c_str(), path.c_str()) != 0) {
    written = std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), path});
  }
  if (!written) ::unlink(tmp.c_str());
  return written;
}

Result<void> WriteThrough(const std::string& path, std::string_view data) {
  // No O_CREAT, no O_TRUNC: the device or FIFO is there and stays what it is.
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), path});
  auto written = WriteAll(fd, data, path);
  if (::close(fd) != 0 && written) {
    written = std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), path});
  }
  return written;
}

mode_t DefaultFileMode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

Result<void> WriteFileAtomic(const std::string& path, std::string_view data) {
  return WriteAtomic(path, data, 0644);
}

Result<void> WriteOutputFile(const std::string& path, std::string_view data) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), path});
    return WriteAtomic(path, data, DefaultFileMode());
  }
  auto refuse = [&](std::string_view what) -> Result<void> {
    return std::unexpected(Error{ErrorCode::kInvalidArgument,
                                 fmt::format("output is {}: not replaced (name a regular file, "
                                             "or '-' for standard output)",
                                             what),
                                 path});
  };
  if (S_ISREG(st.st_mode)) return WriteAtomic(path, data, st.st_mode & 07777);
  if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) return WriteThrough(path, data);
  if (S_ISLNK(st.st_mode)) {
    struct stat target;
    if (::stat(path.c_str(), &target) == 0 && (S_ISCHR(target.st_mode) || S_ISFIFO(target.st_mode))) {
      return WriteThrough(path, data);
    }
    return refuse("a symbolic link");
  }
  if (S_ISDIR(st.st_mode)) return refuse("a directory");
  if (S_ISBLK(st.st_mode)) return refuse("a block device");
  if (S_ISSOCK(st.st_mode)) return refuse("a socket");
  return refuse("not a regular file");
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
