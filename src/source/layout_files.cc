#include "source/layout_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/strings.h"
#include "layer/tar_walker.h"

namespace portcullis::source_internal {

Result<std::string> LayoutFiles::Read(std::string_view rel, uint64_t max_bytes) const {
  auto stream = PC_TRY(Open(rel));
  return ReadAll(*stream, max_bytes, Describe(rel));
}

namespace {

class Dir : public LayoutFiles {
 public:
  explicit Dir(std::string root) : root_(std::move(root)) {}

  Result<std::unique_ptr<ByteStream>> Open(std::string_view rel) const override {
    auto norm = NormalizeEntryPath(rel);
    if (!norm || norm->empty()) {
      return Fail(ErrorCode::kCorrupt, "'{}' is not a path inside the layout", Excerpt(rel));
    }
    std::string path = root_ + "/" + *norm;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
      int err = errno;
      return std::unexpected(Error{err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
                                   err == ENOENT ? "blob or file is missing" : std::strerror(err),
                                   path});
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      return std::unexpected(Error{ErrorCode::kCorrupt, "not a regular file", path});
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    auto shared = std::shared_ptr<const int>(new int(fd), [](const int* p) {
      ::close(*p);
      delete p;
    });
    return std::unique_ptr<ByteStream>(std::make_unique<FileRegionStream>(
        std::move(shared), 0, static_cast<uint64_t>(st.st_size), path));
  }

  bool Exists(std::string_view rel) const override {
    auto norm = NormalizeEntryPath(rel);
    if (!norm) return false;
    struct stat st;
    return ::stat((root_ + "/" + *norm).c_str(), &st) == 0 && S_ISREG(st.st_mode);
  }

  std::string Describe(std::string_view rel) const override {
    return fmt::format("{}/{}", root_, rel);
  }

 private:
  std::string root_;
};

class Tar : public LayoutFiles {
 public:
  explicit Tar(std::shared_ptr<const TarIndex> index) : index_(std::move(index)) {}
  Result<std::unique_ptr<ByteStream>> Open(std::string_view rel) const override {
    return index_->OpenMember(rel);
  }
  bool Exists(std::string_view rel) const override { return index_->Find(rel) != nullptr; }
  std::string Describe(std::string_view rel) const override {
    return fmt::format("{}:{}", index_->path(), rel);
  }

 private:
  std::shared_ptr<const TarIndex> index_;
};

}  // namespace

std::unique_ptr<LayoutFiles> DirFiles(std::string root) {
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return std::make_unique<Dir>(std::move(root));
}

std::unique_ptr<LayoutFiles> TarFiles(std::shared_ptr<const TarIndex> index) {
  return std::make_unique<Tar>(std::move(index));
}

}  // namespace portcullis::source_internal
