#include "core/dir_walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace portcullis {

namespace {

// Closes a directory stream (and its descriptor) when it goes out of scope.
struct DirCloser {
  DIR* dir = nullptr;
  ~DirCloser() {
    if (dir) ::closedir(dir);
  }
};

std::string Join(const std::string& dir, std::string_view name) {
  std::string out = dir;
  if (out.empty() || out.back() != '/') out += '/';
  out += name;
  return out;
}

class Walker {
 public:
  Walker(const WalkLimits& limits, const WalkFilter& want)
      : max_depth_(std::min(limits.max_depth, kMaxWalkDepth)),
        max_entries_(limits.max_entries),
        want_(want) {}

  // Lists the directory open at `fd` (owned: closed here), whose path is `path`, `depth`
  // levels below the root (the root is at 0).
  void Walk(int fd, const std::string& path, uint64_t depth) {
    DirCloser closer{::fdopendir(fd)};
    if (!closer.dir) {
      int err = errno;
      ::close(fd);
      Unreadable(path, err);
      return;
    }
    struct Entry {
      std::string name;
      unsigned char type;
    };
    std::vector<Entry> entries;
    errno = 0;
    while (dirent* e = ::readdir(closer.dir)) {
      std::string_view name = e->d_name;
      if (name == "." || name == "..") continue;
      if (++seen_ > max_entries_) {
        stopped_ = true;
        result_.diagnostics.push_back(
            {std::string(kWalkEntries), path, 0, 0,
             fmt::format("more than {} directory entries: the walk stopped here and the rest "
                         "of the tree is not read",
                         max_entries_),
             Severity::kHigh});
        return;
      }
      entries.push_back({std::string(name), e->d_type});
    }
    if (errno != 0) Unreadable(path, errno);
    std::ranges::sort(entries, {}, &Entry::name);
    for (const Entry& e : entries) {
      if (stopped_) return;
      unsigned char type = e.type;
      if (type == DT_UNKNOWN) {
        struct stat st;
        if (::fstatat(::dirfd(closer.dir), e.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
          continue;  // removed since it was listed
        }
        type = S_ISDIR(st.st_mode)   ? DT_DIR
               : S_ISREG(st.st_mode) ? DT_REG
               : S_ISLNK(st.st_mode) ? DT_LNK
                                     : DT_UNKNOWN;
      }
      std::string child = Join(path, e.name);
      if (type == DT_REG) {
        if (want_(child)) result_.files.push_back(std::move(child));
      } else if (type == DT_LNK) {
        if (want_(child)) {
          result_.diagnostics.push_back({std::string(kWalkSymlink), child, 0, 0,
                                         "a symbolic link: not followed, not read",
                                         Severity::kInfo});
        }
      } else if (type == DT_DIR) {
        if (IsWalkSkippedDirectory(e.name)) continue;
        if (depth >= max_depth_) {
          TooDeep(child);
          continue;
        }
        int child_fd = ::openat(::dirfd(closer.dir), e.name.c_str(),
                                O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (child_fd < 0) {
          // ELOOP/ENOTDIR: replaced by a link (or a file) since it was listed: not entered.
          if (errno != ELOOP && errno != ENOTDIR && errno != ENOENT) Unreadable(child, errno);
          continue;
        }
        Walk(child_fd, child, depth + 1);
      }
    }
  }

  WalkResult Take() {
    if (too_deep_ > 0) {
      result_.diagnostics.push_back(
          {std::string(kWalkDepth), first_too_deep_, 0, 0,
           fmt::format("{} director{} more than {} levels deep not entered (first: {})",
                       too_deep_, too_deep_ == 1 ? "y" : "ies", max_depth_, first_too_deep_),
           Severity::kHigh});
    }
    std::ranges::sort(result_.files);
    return std::move(result_);
  }

 private:
  static constexpr size_t kMaxUnreadableDiagnostics = 100;

  void Unreadable(const std::string& path, int err) {
    if (++unreadable_ > kMaxUnreadableDiagnostics) return;
    std::string message = fmt::format("cannot list the directory: {}", std::strerror(err));
    if (unreadable_ == kMaxUnreadableDiagnostics) message += " (further ones are not reported)";
    result_.diagnostics.push_back(
        {std::string(kWalkUnreadable), path, 0, 0, std::move(message), Severity::kHigh});
  }

  void TooDeep(const std::string& path) {
    if (too_deep_++ == 0) first_too_deep_ = path;
  }

  uint64_t max_depth_;
  uint64_t max_entries_;
  const WalkFilter& want_;
  WalkResult result_;
  uint64_t seen_ = 0;
  bool stopped_ = false;
  size_t unreadable_ = 0;
  uint64_t too_deep_ = 0;
  std::string first_too_deep_;
};

}  // namespace

bool IsWalkSkippedDirectory(std::string_view name) {
  return std::ranges::find(kWalkSkippedDirectories, name) != kWalkSkippedDirectories.end();
}

Result<WalkResult> WalkDirectory(const std::string& root, const WalkLimits& limits,
                                 const WalkFilter& want) {
  int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    return std::unexpected(Error{err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
                                 fmt::format("cannot list the directory: {}", std::strerror(err)),
                                 root});
  }
  Walker walker(limits, want);
  walker.Walk(fd, root, 0);
  return walker.Take();
}

}  // namespace portcullis
