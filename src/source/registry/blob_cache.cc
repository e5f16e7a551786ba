#include "source/registry/blob_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "core/digest.h"
#include "core/files.h"

namespace portcullis::registry {

namespace fs = std::filesystem;

BlobCache::BlobCache(std::string dir, uint64_t max_bytes)
    : dir_(std::move(dir)), max_bytes_(max_bytes) {}

std::string BlobCache::DefaultDir() {
  std::string base = CacheDir(false);
  return base.empty() ? "" : base + "/blobs";
}

std::string BlobCache::PathOf(const std::string& digest) const {
  auto d = ParseDigest(digest);
  if (!d || dir_.empty()) return "";
  return dir_ + "/" + d->algorithm + "/" + d->hex;  // hex is validated: safe as a file name
}

bool BlobCache::EnsureDir() const {
  std::error_code ec;
  fs::create_directories(dir_ + "/sha256", ec);
  if (ec) return false;
  ::chmod(dir_.c_str(), 0700);
  return true;
}

std::unique_ptr<ByteStream> BlobCache::Open(const std::string& digest) const {
  std::string path = PathOf(digest);
  if (path.empty()) return nullptr;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return nullptr;
  auto stream = OpenFileStream(path);
  if (!stream) return nullptr;
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);  // most recently used
  return std::move(*stream);
}

// Writes what passes through to DIR/tmp-XXXXXX; at the end renames it to the blob's path when
// it hashed right.
class TeeStream : public ByteStream {
 public:
  TeeStream(std::unique_ptr<ByteStream> inner, BlobCache* cache, std::string digest)
      : inner_(std::move(inner)), cache_(cache), digest_(std::move(digest)) {
    if (!cache_->EnsureDir()) return;
    tmp_ = cache_->dir_ + "/sha256/.tmp-XXXXXX";
    fd_ = ::mkstemp(tmp_.data());
  }
  ~TeeStream() override {
    if (fd_ >= 0) {
      ::close(fd_);
      ::unlink(tmp_.c_str());
    }
  }
  Result<size_t> Read(uint8_t* buf, size_t size) override {
    auto n = inner_->Read(buf, size);
    if (!n) {
      Abandon();
      return n;
    }
    if (fd_ < 0) return n;
    if (*n == 0) {
      Finish();
      return n;
    }
    hash_.Update(buf, *n);
    size_t off = 0;
    while (off < *n) {
      ssize_t w = ::write(fd_, buf + off, *n - off);
      if (w <= 0) {
        Abandon();
        return n;
      }
      off += static_cast<size_t>(w);
    }
    return n;
  }

 private:
  void Abandon() {
    if (fd_ < 0) return;
    ::close(fd_);
    ::unlink(tmp_.c_str());
    fd_ = -1;
  }
  void Finish() {
    std::string got = hash_.Finish();
    int fd = fd_;
    fd_ = -1;
    bool ok = ::close(fd) == 0 && got == digest_;
    if (ok) ok = ::rename(tmp_.c_str(), cache_->PathOf(digest_).c_str()) == 0;
    if (!ok) {
      ::unlink(tmp_.c_str());
      return;
    }
    cache_->Trim();
  }

  std::unique_ptr<ByteStream> inner_;
  BlobCache* cache_;
  std::string digest_;
  std::string tmp_;
  int fd_ = -1;
  Sha256 hash_;
};

std::unique_ptr<ByteStream> BlobCache::Tee(std::unique_ptr<ByteStream> inner,
                                           const std::string& digest) {
  if (dir_.empty() || PathOf(digest).empty() || !digest.starts_with("sha256:")) return inner;
  return std::make_unique<TeeStream>(std::move(inner), this, digest);
}

void BlobCache::Put(const std::string& digest, std::string_view content) {
  std::string path = PathOf(digest);
  if (path.empty() || Sha256Digest(content) != digest || !EnsureDir()) return;
  (void)WriteFileAtomic(path, content);
}

void BlobCache::Trim() const {
  struct Entry {
    fs::path path;
    uint64_t size;
    fs::file_time_type time;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& algo : {"sha256", "sha512"}) {
    for (fs::directory_iterator it(dir_ + "/" + algo, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->path().filename().string().starts_with(".")) continue;
      std::error_code e2;
      uint64_t size = it->file_size(e2);
      if (e2) continue;
      auto time = it->last_write_time(e2);
      if (e2) continue;
      entries.push_back({it->path(), size, time});
      total += size;
    }
  }
  if (total <= max_bytes_) return;
  std::ranges::sort(entries, {}, &Entry::time);
  for (const auto& e : entries) {
    if (total <= max_bytes_) break;
    std::error_code e2;
    if (fs::remove(e.path, e2)) total -= e.size;
  }
}

}  // namespace portcullis::registry
