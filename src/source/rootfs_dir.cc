// A root file system directory scanned like a one-layer image (`portcullis fs`, `dir:PATH`).
// The walk never follows symlinks, never leaves the starting file system, opens only regular
// files (O_NOFOLLOW | O_NONBLOCK, so a FIFO cannot block it) and is bounded in depth and
// entry count. Directory entries are visited in name order, so results are deterministic.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/strings.h"
#include "source/source.h"

namespace portcullis::source_internal {

namespace {

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

class FileReader : public EntryReader {
 public:
  FileReader(int fd, uint64_t size, std::string name) : fd_(fd), left_(size), name_(std::move(name)) {}
  Result<std::span<const uint8_t>> NextBlock() override {
    if (fd_ < 0 || left_ == 0) return std::span<const uint8_t>();
    for (;;) {
      ssize_t n = ::read(fd_, buf_, std::min<uint64_t>(sizeof buf_, left_));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), name_});
      // A file that shrank while we read it ends early; one that grew is cut at its stat size.
      left_ = n == 0 ? 0 : left_ - static_cast<uint64_t>(n);
      return std::span<const uint8_t>(buf_, static_cast<size_t>(n));
    }
  }

 private:
  int fd_;
  uint64_t left_;
  std::string name_;
  uint8_t buf_[1 << 16];
};

class RootfsSource : public Source {
 public:
  RootfsSource(std::string root, dev_t dev) : root_(std::move(root)), dev_(dev) {
    artifact_.name = root_;
    artifact_.type = "rootfs";
    artifact_.layers.push_back(Layer{});
  }

  Result<WalkStats> WalkLayer(size_t index, const Limits& limits, const EntryCallback& callback,
                              std::vector<Diagnostic>& diagnostics, ByteBudget* budget,
                              const std::function<void(uint64_t)>& on_bytes) const override {
    if (index != 0) return Fail(ErrorCode::kInternal, "a root file system has one layer");
    int fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), root_});
    Fd root(fd);
    WalkStats stats;
    Walker w{limits, callback, diagnostics, budget, on_bytes, stats, dev_, root_};
    PC_TRY_VOID(w.Dir(root.fd, "", 0));
    return stats;
  }

 private:
  struct Walker {
    const Limits& limits;
    const EntryCallback& callback;
    std::vector<Diagnostic>& diagnostics;
    ByteBudget* budget;
    const std::function<void(uint64_t)>& on_bytes;
    WalkStats& stats;
    dev_t dev;
    const std::string& root;

    Result<void> Dir(int dir_fd, const std::string& prefix, uint64_t depth) {
      if (depth > limits.max_depth) {
        diagnostics.push_back({"fs.too_deep", root + "/" + prefix, 0, 0,
                               fmt::format("directory nesting deeper than {}; not descended",
                                           limits.max_depth),
                               Severity::kMedium});
        return {};
      }
      int dup_fd = ::dup(dir_fd);
      if (dup_fd < 0) return std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), root});
      DIR* d = ::fdopendir(dup_fd);
      if (!d) {
        ::close(dup_fd);
        return std::unexpected(Error{ErrorCode::kIo, std::strerror(errno), root + "/" + prefix});
      }
      std::vector<std::string> names;
      while (struct dirent* e = ::readdir(d)) {
        std::string_view n = e->d_name;
        if (n == "." || n == "..") continue;
        names.emplace_back(n);
        if (names.size() > limits.max_entries) break;
      }
      ::closedir(d);
      std::ranges::sort(names);
      for (const std::string& name : names) PC_TRY_VOID(Entry(dir_fd, prefix, name, depth));
      return {};
    }

    Result<void> Entry(int dir_fd, const std::string& prefix, const std::string& name,
                       uint64_t depth) {
      if (++stats.entries > limits.max_entries) {
        return Fail(ErrorCode::kLimitExceeded, "more than {} entries under {} (--max-entries)",
                    limits.max_entries, root);
      }
      std::string path = prefix.empty() ? name : prefix + "/" + name;
      if (path.size() > limits.max_path_length) {
        diagnostics.push_back({"fs.path_too_long", root, 0, 0,
                               fmt::format("path of {} bytes skipped: {}", path.size(), Excerpt(path)),
                               Severity::kMedium});
        return {};
      }
      struct stat st;
      if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        diagnostics.push_back({"fs.stat_failed", root + "/" + path, 0, 0, std::strerror(errno),
                               Severity::kLow});
        return {};
      }
      TarEntry entry;
      entry.path = path;
      entry.mode = st.st_mode & 07777;
      entry.uid = st.st_uid;
      entry.gid = st.st_gid;
      entry.mtime = st.st_mtime;
      if (S_ISDIR(st.st_mode)) {
        entry.type = EntryType::kDir;
        PC_TRY_VOID(Emit(entry, nullptr));
        if (st.st_dev != dev) {
          diagnostics.push_back({"fs.other_filesystem", root + "/" + path, 0, 0,
                                 "on another file system (a mount); not descended", Severity::kInfo});
          return {};
        }
        int fd = ::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
          diagnostics.push_back({"fs.open_failed", root + "/" + path, 0, 0, std::strerror(errno),
                                 Severity::kLow});
          return {};
        }
        Fd sub(fd);
        return Dir(sub.fd, path, depth + 1);
      }
      if (S_ISLNK(st.st_mode)) {
        entry.type = EntryType::kSymlink;
        char buf[4096];
        ssize_t n = ::readlinkat(dir_fd, name.c_str(), buf, sizeof buf);
        if (n >= 0) entry.link_target.assign(buf, static_cast<size_t>(n));
        return Emit(entry, nullptr);
      }
      if (S_ISREG(st.st_mode)) {
        entry.type = EntryType::kFile;
        entry.size = static_cast<uint64_t>(st.st_size);
        int fd = ::openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
          diagnostics.push_back({"fs.open_failed", root + "/" + path, 0, 0, std::strerror(errno),
                                 Severity::kLow});
          entry.size = 0;
          return Emit(entry, nullptr);
        }
        Fd file(fd);
        return Emit(entry, &file);
      }
      if (S_ISCHR(st.st_mode)) entry.type = EntryType::kCharDevice;
      else if (S_ISBLK(st.st_mode)) entry.type = EntryType::kBlockDevice;
      else if (S_ISFIFO(st.st_mode)) entry.type = EntryType::kFifo;
      else return {};  // sockets: nothing to scan
      return Emit(entry, nullptr);
    }

    Result<void> Emit(const TarEntry& entry, Fd* file) {
      FileReader reader(file ? file->fd : -1, file ? entry.size : 0, root + "/" + entry.path);
      struct Counting : EntryReader {
        FileReader& inner;
        Walker& w;
        Counting(FileReader& i, Walker& wk) : inner(i), w(wk) {}
        Result<std::span<const uint8_t>> NextBlock() override {
          auto block = PC_TRY(inner.NextBlock());
          w.stats.bytes += block.size();
          if (w.budget) {
            uint64_t used = w.budget->used.fetch_add(block.size()) + block.size();
            if (used > w.limits.max_image_bytes) {
              return Fail(ErrorCode::kLimitExceeded,
                          "over the limit of {} bytes read (--max-image-bytes)",
                          w.limits.max_image_bytes);
            }
          }
          if (w.on_bytes) w.on_bytes(block.size());
          return block;
        }
      } counting(reader, *this);
      return callback(entry, counting);
    }
  };

  std::string root_;
  dev_t dev_;
};

}  // namespace

Result<std::unique_ptr<Source>> OpenRootfsDir(const std::string& dir, const Limits&) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) {
    int err = errno;
    return std::unexpected(
        Error{err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo, std::strerror(err), dir});
  }
  if (!S_ISDIR(st.st_mode)) {
    return std::unexpected(Error{ErrorCode::kInvalidArgument, "not a directory", dir});
  }
  std::string root = dir;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return std::make_unique<RootfsSource>(std::move(root), st.st_dev);
}

}  // namespace portcullis::source_internal
